/**
 * A {@code java.nio.file} file system for CernVM-FS repositories, in the manner of the JDK's
 * zip file system: {@code cvmfs://<fqrn>/<path>} URIs, one read-only
 * {@link io.cernvm.cvmfs.nio.CvmfsFileSystem} per repository, attribute views {@code basic},
 * {@code owner}, {@code posix} and {@code cvmfs} ({@link io.cernvm.cvmfs.nio.CvmfsFileAttributes}),
 * and {@link java.nio.file.ReadOnlyFileSystemException} from every operation that would write.
 *
 * <pre>{@code
 * try (FileSystem fs = FileSystems.newFileSystem(URI.create("cvmfs://sft.cern.ch/"),
 *         Map.of("CVMFS_SERVER_URL", "http://cvmfs-stratum-one.cern.ch/cvmfs/@fqrn@",
 *                "CVMFS_HTTP_PROXY", "DIRECT",
 *                "CVMFS_REPOSITORY_TAG", "trunk"))) {
 *     byte[] readme = Files.readAllBytes(fs.getPath("/README"));
 * }
 * Path same = Path.of(URI.create("cvmfs://sft.cern.ch/README")); // the open file system
 * }</pre>
 *
 * <p>A repository is configured as upstream's client configures it: the files under the
 * configuration root ({@code default.conf}, {@code default.d/*.conf}, {@code default.local},
 * {@code domain.d/…}, {@code config.d/<fqrn>.conf} and {@code .local}; see
 * {@link io.cernvm.cvmfs.config.ClientConfiguration}), then the {@code env} map, whose upstream
 * parameters win over every file. A repository used through {@link java.nio.file.Path#of(java.net.URI)}
 * or {@link java.nio.file.FileSystems#getFileSystem(java.net.URI)} before it was opened is
 * opened from the files alone. The {@code env} map:
 *
 * <table class="striped">
 * <caption>Settings of {@code FileSystems.newFileSystem(URI, env)}</caption>
 * <thead><tr><th>key</th><th>value</th><th>meaning</th></tr></thead>
 * <tbody>
 * <tr><td>{@code CVMFS_SERVER_URL}</td><td>string</td><td>the Stratum 1 URLs, {@code ;}-separated,
 *     {@code @fqrn@} and {@code @org@} substituted</td></tr>
 * <tr><td>{@code CVMFS_HTTP_PROXY}</td><td>string</td><td>the proxy chain: {@code ;} groups of
 *     {@code |} members, {@code DIRECT}; unset means DIRECT. A group {@code auto} is resolved when
 *     the repository is opened from the PAC files of {@code CVMFS_PAC_URLS} (the process's
 *     {@code http_proxy} is not read here: the provider reads no environment), and dropped when
 *     they give nothing, so {@code auto;DIRECT} goes DIRECT</td></tr>
 * <tr><td>{@code CVMFS_PAC_URLS}</td><td>string</td><td>PAC files for {@code auto}, {@code ;}-separated,
 *     fetched DIRECT and evaluated sandboxed; {@code auto} in the list means
 *     {@code http://wpad/wpad.dat}; unset: none, as upstream</td></tr>
 * <tr><td>{@code CVMFS_FALLBACK_PROXY}</td><td>string</td><td>proxies tried after the chain</td></tr>
 * <tr><td>{@code CVMFS_EXTERNAL_URL}</td><td>string</td><td>where external data is read from
 *     (files published with {@code CVMFS_EXTERNAL_DATA}): {@code ;}-separated base URLs, the file's
 *     repository path appended; unset: opening an external file fails, stat and list work. Its own
 *     {@code CVMFS_EXTERNAL_HTTP_PROXY} (default DIRECT), {@code CVMFS_EXTERNAL_FALLBACK_PROXY},
 *     {@code CVMFS_EXTERNAL_TIMEOUT}, {@code CVMFS_EXTERNAL_TIMEOUT_DIRECT} and
 *     {@code CVMFS_EXTERNAL_MAX_SERVERS} apply; also with {@code cernvm.cvmfs.localRepository}.
 *     The {@code cvmfs} view's {@code external} and {@code externalUrl} show such files</td></tr>
 * <tr><td>{@code CVMFS_PUBLIC_KEY}</td><td>string</td><td>master key files, {@code :}-separated;
 *     takes precedence over {@code CVMFS_KEYS_DIR}</td></tr>
 * <tr><td>{@code CVMFS_KEYS_DIR}</td><td>string</td><td>a directory whose {@code *.pub} files are
 *     all master keys; default {@code keys} under the configuration root</td></tr>
 * <tr><td>{@code CVMFS_REPOSITORY_TAG}</td><td>string</td><td>open the revision of this tag</td></tr>
 * <tr><td>{@code CVMFS_REPOSITORY_DATE}</td><td>timestamp</td><td>open the newest tag at or before
 *     it ({@code 2026-01-31T12:00:00Z})</td></tr>
 * <tr><td>{@code CVMFS_ROOT_HASH}</td><td>string</td><td>open this root catalog without the
 *     manifest; wins over tag, which wins over date (the loser is reported)</td></tr>
 * <tr><td>{@code CVMFS_MOUNT_DIR}</td><td>string</td><td>where absolute symlink targets are
 *     resolved inside the repository, default {@code /cvmfs}</td></tr>
 * <tr><td>{@code CVMFS_TIMEOUT}, {@code CVMFS_TIMEOUT_DIRECT}, {@code CVMFS_MAX_RETRIES},
 *     {@code CVMFS_BACKOFF_INIT}, {@code CVMFS_BACKOFF_MAX}, {@code CVMFS_PROXY_RESET_AFTER},
 *     {@code CVMFS_HOST_RESET_AFTER}, {@code CVMFS_LOW_SPEED_LIMIT}, {@code CVMFS_MAX_SERVERS},
 *     {@code CVMFS_FOLLOW_REDIRECTS}</td><td>string</td><td>download settings, as upstream</td></tr>
 * <tr><td>{@code CVMFS_USE_GEOAPI}</td><td>string</td><td>a boolean (yes/on/1/true, no/off/0/false):
 *     before the first download, ask the Geo API of up to three random Stratum 1s for the order of the servers
 *     and fallback proxy groups (as upstream at mount); a failure keeps the configured order and
 *     is reported as a {@code DownloadEvent.HostOrderKept}; default no. {@code CVMFS_MAX_SERVERS}
 *     applies after the ordering</td></tr>
 * <tr><td>{@code CVMFS_PROXY_TEMPLATE}</td><td>string</td><td>the name sent to the Geo API in place of
 *     the proxy's host name (without a proxy: the client UUID, from the cache's {@code uuid} file
 *     when there is one)</td></tr>
 * <tr><td>{@code CVMFS_CACHE_BASE}, {@code CVMFS_CACHE_DIR}, {@code CVMFS_SHARED_CACHE},
 *     {@code CVMFS_QUOTA_LIMIT}</td><td>string</td><td>the disk cache of HTTP downloads, as
 *     upstream (default {@code /var/lib/cvmfs/shared}, 4000 MB); warm reads make no request</td></tr>
 * <tr><td>any other {@code CVMFS_…}</td><td>string</td><td>validated as upstream validates it;
 *     an unknown parameter is kept and warned about</td></tr>
 * <tr><td>{@value io.cernvm.cvmfs.nio.CvmfsFileSystemProvider#LOCAL_REPOSITORY}</td><td>{@code Path}
 *     or string</td><td>read the repository from this directory (as a Stratum 0 serves it)
 *     instead of {@code CVMFS_SERVER_URL}</td></tr>
 * <tr><td>{@value io.cernvm.cvmfs.nio.CvmfsFileSystemProvider#CONFIG_ROOT}</td><td>{@code Path}
 *     or string</td><td>the configuration root, default {@code /etc/cvmfs}</td></tr>
 * <tr><td>{@value io.cernvm.cvmfs.nio.CvmfsFileSystemProvider#CLOCK}</td><td>{@code java.time.Clock}</td>
 *     <td>the time the whitelist expiry is checked against, default the system clock</td></tr>
 * <tr><td>{@value io.cernvm.cvmfs.nio.CvmfsFileSystemProvider#SYMLINK_ENVIRONMENT}</td>
 *     <td>{@code Map<String, String>}</td><td>the variables {@code $(VAR)} in symlink targets
 *     expand from; by default none (an unset variable expands to its default or to nothing)</td></tr>
 * <tr><td>{@value io.cernvm.cvmfs.nio.CvmfsFileSystemProvider#WORK_DIRECTORY}</td><td>{@code Path}
 *     or string</td><td>where decompressed catalogs live while the file system is open</td></tr>
 * </tbody>
 * </table>
 *
 * <p>Errors: {@link java.nio.file.NoSuchFileException}, {@link java.nio.file.NotDirectoryException}
 * and {@link java.nio.file.NotLinkException} name the path; a refused trust chain, content that
 * does not match its hash and failing mirrors surface as the SDK's
 * {@link io.cernvm.api.CernVmException} subtypes, and a malformed configuration as
 * {@link io.cernvm.api.ConfigurationException} naming key, file and line.
 */
package io.cernvm.cvmfs.nio;
