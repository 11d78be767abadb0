/**
 * Test support shared by the SDK and its users: {@link io.cernvm.testkit.RepositoryServer}, an
 * HTTP server (and forward proxy) for CernVM-FS repositories with request counters and fault
 * injection.
 */
module io.cernvm.testkit {
    requires io.cernvm.api;

    exports io.cernvm.testkit;
}
