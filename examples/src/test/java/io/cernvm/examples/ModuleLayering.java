package io.cernvm.examples;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layering of the architecture map as ArchUnit rules: arrows only point down the module
 * table, and no module reaches into another module's {@code internal} packages. Class-path
 * users bypass JPMS, so these rules are the fence that holds for them too.
 */
final class ModuleLayering {

    /** Each module and the modules it may use (besides itself). */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "api", Set.of(),
            "testkit", Set.of("api"),
            "context", Set.of("api"),
            "cvmfs", Set.of("api"),
            "bootstrap", Set.of("api", "context", "cvmfs"),
            "update", Set.of("api", "cvmfs"),
            "examples", Set.of("api", "context", "cvmfs", "bootstrap", "update", "testkit"));

    private ModuleLayering() {
    }

    /** @return the module a class belongs to: the segment after {@code io.cernvm.}, or null */
    static String moduleOf(String packageName) {
        if (!packageName.startsWith("io.cernvm.")) {
            return null;
        }
        String rest = packageName.substring("io.cernvm.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    static boolean isInternal(String packageName) {
        return packageName.contains(".internal");
    }

    /** @return every rule of the layering */
    static ArchRule rules() {
        List<ArchRule> rules = ALLOWED.entrySet().stream().map(e -> {
            String module = e.getKey();
            Set<String> allowed = e.getValue();
            DescribedPredicate<JavaClass> forbidden = DescribedPredicate.describe(
                    "classes of modules " + module + " may not use (allowed: " + allowed + ")",
                    c -> {
                        String target = moduleOf(c.getPackageName());
                        return target != null && ALLOWED.containsKey(target) && !target.equals(module)
                                && (!allowed.contains(target) || isInternal(c.getPackageName()));
                    });
            return (ArchRule) noClasses().that().resideInAPackage("io.cernvm." + module + "..")
                    .should().dependOnClassesThat(forbidden)
                    .allowEmptyShould(true);
        }).toList();
        return CompositeArchRule.of(rules);
    }
}
