/**
 * What tests of the SDK and of its users share: seeded user-data generators and (soon) an
 * HTTP server for repositories with fault injection. Published, so downstream users can test
 * their own contexts. Depends on the api alone.
 */
module io.cernvm.testkit {
    requires io.cernvm.api;

    exports io.cernvm.testkit.userdata;
}
