package io.cernvm.context.internal.mime;

import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.exptest.IsDefinedExpTest;
import com.hubspot.jinjava.lib.filter.DefaultFilter;
import com.hubspot.jinjava.objects.serialization.PyishSerializable;
import com.hubspot.jinjava.util.HasObjectTruthValue;
import java.io.IOException;
import java.util.Map;

/**
 * jinja2's undefined values as cloud-init configures them ({@code UndefinedJinjaVariable}):
 * printed as {@code CI_MISSING_JINJA_VAR/<name>}, false in a test, replaced by
 * {@code default}, not {@code defined}. Installed into a Jinjava context.
 */
final class JinjaUndefined {
    private static final String MISSING_PREFIX = "CI_MISSING_JINJA_VAR/";

    private JinjaUndefined() {
    }

    /** An undefined variable. */
    record Missing(String name) implements HasObjectTruthValue, PyishSerializable {
        @Override
        public boolean getObjectTruthValue() {
            return false;
        }

        @Override
        public <T extends Appendable & CharSequence> T appendPyishString(T appendable) throws IOException {
            appendable.append(toString());
            return appendable;
        }

        @Override
        public String toString() {
            return MISSING_PREFIX + name;
        }
    }

    /** Makes unknown names undefined and teaches {@code default} and {@code defined} about them. */
    static void install(Context context) {
        context.setDynamicVariableResolver(Missing::new);
        context.registerFilter(new UndefinedAwareDefault("default"));
        context.registerFilter(new UndefinedAwareDefault("d"));
        context.registerExpTest(new Defined(true));
        context.registerExpTest(new Defined(false));
    }

    private static final class UndefinedAwareDefault extends DefaultFilter {
        private final String name;

        UndefinedAwareDefault(String name) {
            this.name = name;
        }

        @Override
        public Object filter(Object var, JinjavaInterpreter interpreter, Map<String, Object> parsedArgs) {
            return super.filter(var instanceof Missing ? null : var, interpreter, parsedArgs);
        }

        @Override
        public String getName() {
            return name;
        }
    }

    private static final class Defined extends IsDefinedExpTest {
        private final boolean defined;

        Defined(boolean defined) {
            this.defined = defined;
        }

        @Override
        public boolean evaluate(Object var, JinjavaInterpreter interpreter, Object... args) {
            boolean isDefined = var != null && !(var instanceof Missing);
            return defined == isDefined;
        }

        @Override
        public String getName() {
            return defined ? "defined" : "undefined";
        }
    }
}
