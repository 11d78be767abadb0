/**
 * Downloads of repository files through the host chain ({@code CVMFS_SERVER_URL}) and the proxy
 * groups ({@code CVMFS_HTTP_PROXY}, {@code CVMFS_FALLBACK_PROXY}) with upstream's failover:
 * {@link io.cernvm.cvmfs.download.DownloadSettings} holds the parameters, a
 * {@link io.cernvm.cvmfs.download.DownloadListener} receives a typed
 * {@link io.cernvm.cvmfs.download.DownloadEvent} for every proxy or host switch, retry, backoff,
 * failed attempt and success, each with its {@link io.cernvm.cvmfs.download.FailoverReason}, and
 * for the outcome of the Geo API ordering ({@code CVMFS_USE_GEOAPI}).
 */
package io.cernvm.cvmfs.download;
