package io.cernvm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

class ModuleLayeringTest {

    @Test
    void productionCodeFollowsTheLayering() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cernvm");
        // Make sure the modules' classes were really found, from jars or class folders.
        assertThat(classes.stream().map(c -> ModuleLayering.moduleOf(c.getPackageName())).distinct())
                .contains("api", "examples");
        EvaluationResult result = ModuleLayering.rules().evaluate(classes);
        assertThat(result.getFailureReport().getDetails()).isEmpty();
    }

    @Test
    void aPlantedViolationIsCaught() {
        JavaClasses planted = new ClassFileImporter().importClasses(
                io.cernvm.api.planted.UpwardArrow.class,
                io.cernvm.context.planted.ReachesIntoInternal.class,
                io.cernvm.cvmfs.internal.planted.Hidden.class);
        EvaluationResult result = ModuleLayering.rules().evaluate(planted);
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(d -> d.contains("UpwardArrow") && d.contains("cvmfs"))
                .anyMatch(d -> d.contains("ReachesIntoInternal") && d.contains("Hidden"));
    }

    @Test
    void aLegalDependencyIsAllowed() {
        JavaClasses legal = new ClassFileImporter().importClasses(io.cernvm.context.planted.UsesApi.class);
        assertThat(ModuleLayering.rules().evaluate(legal).hasViolation()).isFalse();
    }
}
