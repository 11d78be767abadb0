package io.cernvm.context;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.context.amiconfig.AmiconfigFindings;
import io.cernvm.context.ucernvm.UcernvmFindings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every lint code the context module can emit is listed in the README (tools/lint-codes.py prints the table). */
class LintCodesDocumentedTest {

    private static final Pattern CODE = Pattern.compile("\"([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\"");

    @Test
    void everyEmittedCodeIsInTheReadme() throws IOException {
        Path module = Path.of("").toAbsolutePath();
        String readme = Files.readString(module.getParent().resolve("README.md"));
        List<String> codes = new ArrayList<>(UcernvmFindings.CODES);
        codes.addAll(AmiconfigFindings.CODES);
        // Every other code is a string literal passed to a Finding in main code.
        try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f);
                if (!text.contains("Finding")) {
                    continue;
                }
                Matcher m = CODE.matcher(text);
                while (m.find()) {
                    String code = m.group(1);
                    if (code.matches("(UCERNVM|AMICONFIG|CLOUD_CONFIG|PART|USERDATA|USER_DATA|COMPOSE|INCLUDE|GZIP|JINJA|LIMIT)_.*")) {
                        codes.add(code);
                    }
                }
            }
        }
        assertThat(codes).hasSizeGreaterThan(40);
        assertThat(codes.stream().distinct().filter(c -> !readme.contains("`" + c + "`")).toList())
                .as("codes missing from README.md (run tools/lint-codes.py)").isEmpty();
    }
}
