/**
 * A CernVM-FS client and publisher: the trust chain, content-addressed objects, catalogs,
 * history, downloads through proxy and host chains with failover, a disk cache, a
 * {@code java.nio.file} provider for {@code cvmfs:} URIs, and the writing side.
 */
module io.cernvm.cvmfs {
    requires transitive io.cernvm.api;
    requires org.slf4j;
    requires okhttp3;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires org.bouncycastle.provider;
    requires org.bouncycastle.pkix;
    requires org.mozilla.rhino;

    exports io.cernvm.cvmfs;
    exports io.cernvm.cvmfs.cache;
    exports io.cernvm.cvmfs.config;
    exports io.cernvm.cvmfs.download;
    exports io.cernvm.cvmfs.nio;
    exports io.cernvm.cvmfs.publish;

    provides java.nio.file.spi.FileSystemProvider with io.cernvm.cvmfs.nio.CvmfsFileSystemProvider;
}
