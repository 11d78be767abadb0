/**
 * Test support: {@link io.cernvm.testkit.RepositoryServer}, a loopback HTTP/1.1 server (or
 * forward proxy) for CernVM-FS repositories with per-path request counters, recorded requests
 * and injected {@link io.cernvm.testkit.Fault faults} chosen by {@link io.cernvm.testkit.PathPattern}.
 */
package io.cernvm.testkit;
