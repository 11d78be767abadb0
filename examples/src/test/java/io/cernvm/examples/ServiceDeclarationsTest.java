package io.cernvm.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Services must be declared twice, in {@code module-info.java} for module-path users and in
 * {@code META-INF/services} for class-path, JShell and shaded-jar users; this checks that the
 * two agree for every SDK module.
 */
class ServiceDeclarationsTest {

    @Test
    void moduleInfoAndMetaInfServicesAgree() throws IOException {
        List<String> modules = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("module-info.class"))) {
            ModuleDescriptor d;
            try (InputStream in = url.openStream()) {
                d = ModuleDescriptor.read(in);
            }
            if (!d.name().startsWith("io.cernvm.")) {
                continue;
            }
            modules.add(d.name());
            String base = url.toString().substring(0, url.toString().length() - "module-info.class".length());
            for (ModuleDescriptor.Provides p : d.provides()) {
                URL services = new URL(base + "META-INF/services/" + p.service());
                assertThat(readServices(services)).as("META-INF/services/%s of %s", p.service(), d.name())
                        .containsExactlyInAnyOrderElementsOf(p.providers());
            }
        }
        assertThat(modules).contains("io.cernvm.api", "io.cernvm.context", "io.cernvm.cvmfs", "io.cernvm.examples");
    }

    private static List<String> readServices(URL url) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(url.openStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                int hash = line.indexOf('#');
                String name = (hash < 0 ? line : line.substring(0, hash)).trim();
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        } catch (java.io.FileNotFoundException e) {
            return List.of();
        }
        return names;
    }
}
