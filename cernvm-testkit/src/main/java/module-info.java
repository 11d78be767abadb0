/**
 * Module io.cernvm.testkit: exports nothing yet; its issue fills it.
 */
module io.cernvm.testkit {
    requires io.cernvm.api;
}
