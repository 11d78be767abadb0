package io.cernvm.cvmfs.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.cernvm.cvmfs.Repository;
import io.cernvm.cvmfs.Tag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CernvmSystemDemoTest {
    @TempDir
    Path dir;

    @Test
    void releasesAreTaggedAndHeadRollsToTheNewest() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T06:00:00Z"), ZoneOffset.UTC);
        RepositoryKeys keys = RepositoryKeys.generate(CernvmSystemDemo.FQRN, clock);
        keys.writeTo(dir.resolve("keys"));
        Path storage = dir.resolve("cvmfs").resolve(CernvmSystemDemo.FQRN);
        Publisher publisher = Publisher.builder().keys(keys).storage(storage).clock(clock).build();
        List<PublishResult> results = CernvmSystemDemo.publish(publisher, dir.resolve("work"),
                CernvmSystemDemo.DEFAULT_VERSIONS, Optional.empty());
        assertThat(results).extracting(PublishResult::revision).containsExactly(1L, 2L, 3L);
        try (Repository repo = PublishedRepository.open(storage, dir.resolve("keys"), CernvmSystemDemo.FQRN, clock,
                dir.resolve("w"))) {
            assertThat(repo.tags()).extracting(Tag::name).contains("cernvm-system-3.0.0.0", "cernvm-system-3.1.0.0",
                    "cernvm-system-3.2.0.0", "HEAD");
            assertThat(repo.tags()).filteredOn(t -> t.name().equals("HEAD")).extracting(Tag::revision).containsExactly(3L);
            try (Repository head = repo.atTag("HEAD")) {
                assertThat(head.exists("/cvm3/.installed_cernvm-system-3.2.0.0")).isTrue();
                assertThat(head.stat("/cvm3").nestedCatalogMountpoint()).isTrue();
                assertThat(head.readlink("/cvm3/lib")).isEqualTo("usr/lib");
                assertThat(new String(head.readAllBytes("/cvm3/etc/os-release"), StandardCharsets.UTF_8))
                        .contains("VERSION=\"3.2.0.0\"");
            }
            try (Repository old = repo.atTag("cernvm-system-3.0.0.0")) {
                assertThat(old.exists("/cvm3/.installed_cernvm-system-3.0.0.0")).isTrue();
                assertThat(old.exists("/cvm3/.installed_cernvm-system-3.2.0.0")).isFalse();
                assertThat(old.stat("/cvm3/tmp").mode() & 07777).isEqualTo(01777);
            }
        }
    }
}
