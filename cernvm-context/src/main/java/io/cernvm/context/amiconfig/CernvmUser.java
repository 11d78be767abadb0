package io.cernvm.context.amiconfig;

import java.util.Objects;

/**
 * One {@code user:group:password} entry of the {@code [cernvm] users} option, split as the
 * {@code cernvm} plugin splits it (no trimming). Serialised by its component names.
 *
 * @param name     the user name; the first user becomes {@code CERNVM_USER}
 * @param group    the group
 * @param password the password; empty means 8 random characters
 */
public record CernvmUser(String name, String group, String password) {

    /** Checks the components. */
    public CernvmUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(password, "password");
    }

    /** @return whether the plugin makes up a random password */
    public boolean randomPassword() {
        return password.isEmpty();
    }
}
