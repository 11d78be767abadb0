/**
 * Module io.cernvm.context: exports nothing yet; its issue fills it.
 */
module io.cernvm.context {
    requires io.cernvm.api;
}
