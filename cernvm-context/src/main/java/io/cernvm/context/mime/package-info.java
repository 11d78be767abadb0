/**
 * Decoding raw VM user data into parts exactly as cloud-init 22.4 (Debian 12's 22.4.2) does:
 * gzip, MIME multipart, {@code #include}, {@code #cloud-config-archive}, first-line type
 * detection, part file names and jinja templates. Start with {@link io.cernvm.context.mime.UserDataDecoder}.
 */
package io.cernvm.context.mime;
