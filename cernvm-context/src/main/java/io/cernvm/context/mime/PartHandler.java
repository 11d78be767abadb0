package io.cernvm.context.mime;

/** The cloud-init 22.4 default handler that receives a part of a given content type. */
public enum PartHandler {
    /** {@code text/cloud-config} and {@code text/cloud-config-jsonp}: merged into the cloud config. */
    CLOUD_CONFIG("cloud-config"),
    /** {@code text/x-shellscript}: run once per instance by {@code scripts-user}. */
    SHELLSCRIPT("shellscript"),
    /** {@code text/x-shellscript-per-boot}. */
    SHELLSCRIPT_PER_BOOT("shellscript-per-boot"),
    /** {@code text/x-shellscript-per-instance}. */
    SHELLSCRIPT_PER_INSTANCE("shellscript-per-instance"),
    /** {@code text/x-shellscript-per-once}. */
    SHELLSCRIPT_PER_ONCE("shellscript-per-once"),
    /** {@code text/cloud-boothook}: run early, on every boot. */
    BOOTHOOK("boothook"),
    /** {@code text/jinja2}: rendered, then handed to the cloud-config or shell-script handler. */
    JINJA("jinja"),
    /** {@code text/part-handler}: Python code registering a handler for further types. */
    PART_HANDLER("part-handler");

    private final String label;

    PartHandler(String label) {
        this.label = label;
    }

    /** @return the stable label used in JSON, e.g. {@code shellscript-per-boot} */
    public String label() {
        return label;
    }
}
