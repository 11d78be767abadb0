/**
 * Module io.cernvm.cvmfs: exports nothing yet; its issue fills it.
 */
module io.cernvm.cvmfs {
    requires io.cernvm.api;
}
