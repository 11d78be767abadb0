/**
 * What tests of the SDK and of its users share: {@link io.cernvm.testkit.RepositoryServer}, an
 * HTTP server (and forward proxy) for CernVM-FS repositories with request counters and fault
 * injection, and seeded user-data generators ({@code io.cernvm.testkit.userdata}). Published,
 * so downstream users can test their own contexts. Depends on the api alone.
 */
module io.cernvm.testkit {
    requires io.cernvm.api;

    exports io.cernvm.testkit;
    exports io.cernvm.testkit.userdata;
}
