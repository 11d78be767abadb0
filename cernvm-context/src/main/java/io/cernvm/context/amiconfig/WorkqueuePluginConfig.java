package io.cernvm.context.amiconfig;

/**
 * The {@code [workqueue]} section as the {@code workqueue} plugin reads it ({@code null} = not
 * set). Serialised by its component names.
 *
 * @param catalogServer    the catalog server (port 9097); without it this VM starts one
 * @param workqueueProject the project name
 * @param workqueueUser    the user running the workers
 */
public record WorkqueuePluginConfig(String catalogServer, String workqueueProject, String workqueueUser) {

    static WorkqueuePluginConfig of(AmiconfigSection s) {
        return new WorkqueuePluginConfig(s.get("catalog_server").orElse(null),
                s.get("workqueue_project").orElse(null), s.get("workqueue_user").orElse(null));
    }

    /** @return whether the plugin starts a catalog server here (the section has no {@code catalog_server}) */
    public boolean startsCatalogServer() {
        return catalogServer == null;
    }
}
