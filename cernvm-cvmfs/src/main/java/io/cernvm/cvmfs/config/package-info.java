/**
 * The CernVM-FS client configuration: upstream's files ({@code default.conf} …
 * {@code config.d/<fqrn>.local}) under a configuration root, programmatic overrides, typed
 * accessors for the known parameters, and warnings for what was kept or skipped; see
 * {@link io.cernvm.cvmfs.config.ClientConfiguration}.
 */
package io.cernvm.cvmfs.config;
