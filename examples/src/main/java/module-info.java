/**
 * The reference command line of the CernVM SDK: one {@code cernvm} command whose subcommands
 * parse arguments, call the library and print.
 */
module io.cernvm.examples {
    requires io.cernvm.api;
    requires io.cernvm.context;
    requires io.cernvm.cvmfs;
    requires io.cernvm.testkit;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    opens io.cernvm.examples to info.picocli;
    opens io.cernvm.examples.userdata to info.picocli;
    opens io.cernvm.examples.cvmfs to info.picocli;
    opens io.cernvm.examples.cvmfs.publish to info.picocli;
}
