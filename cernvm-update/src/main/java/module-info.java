/**
 * Module io.cernvm.update: exports nothing yet; its issue fills it.
 */
module io.cernvm.update {
    requires io.cernvm.api;
}
