/**
 * What tests of the SDK and of its users share: seeded user-data generators and (soon) an
 * HTTP server for repositories with fault injection. Published, so downstream users can test
 * their own contexts. Depends on the api alone.
 * Test support shared by the SDK and its users: {@link io.cernvm.testkit.RepositoryServer}, an
 * HTTP server (and forward proxy) for CernVM-FS repositories with request counters and fault
 * injection.
 */
module io.cernvm.testkit {
    requires io.cernvm.api;

    exports io.cernvm.testkit.userdata;
    exports io.cernvm.testkit;
}
