/**
 * Reading CernVM-FS repositories: {@link io.cernvm.cvmfs.CvmfsClient} verifies a repository's
 * trust chain (master key, whitelist, certificate, manifest) and opens a
 * {@link io.cernvm.cvmfs.Repository} at its newest revision, a tag, a date or a root hash;
 * entries are described by {@link io.cernvm.cvmfs.FileAttributes}, and every byte read was
 * verified against its content hash first.
 */
package io.cernvm.cvmfs;
