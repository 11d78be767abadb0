/**
 * VM user data as CernVM's three agents read it: decoding (gzip, MIME multipart, includes,
 * archives, jinja) the way cloud-init does, the {@code [ucernvm-begin]} block the way the
 * µCernVM bootloader does (bug for bug, and a tolerant typed reading), amiconfig INI,
 * cloud-config YAML and its merge; composing user data and linting it with positions.
 */
module io.cernvm.context {
    requires transitive io.cernvm.api;
    requires org.slf4j;
    requires org.yaml.snakeyaml;
    requires com.fasterxml.jackson.databind;
    requires jinjava;

    exports io.cernvm.context;
    exports io.cernvm.context.mime;
    exports io.cernvm.context.cloudconfig;
    exports io.cernvm.context.ucernvm;
    exports io.cernvm.context.amiconfig;
}
