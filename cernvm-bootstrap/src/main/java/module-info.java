/**
 * Module io.cernvm.bootstrap: exports nothing yet; its issue fills it.
 */
module io.cernvm.bootstrap {
    requires io.cernvm.api;
}
