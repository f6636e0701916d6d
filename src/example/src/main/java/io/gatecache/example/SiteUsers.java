package io.gatecache.example;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site's users, in memory: {@code reader1} and {@code reader2} (role {@code reader}),
 * {@code editor} (roles {@code reader} and {@code editor}), each with its name as its password.
 * Roles change at runtime ({@link UserResource}); every request reads them afresh.
 */
@ApplicationScoped
public class SiteUsers {

    /** The roles the site knows (and declares, on {@link SiteApplication}). */
    public static final Set<String> ROLES = Set.of("reader", "editor");

    private record Account(byte[] password, Set<String> roles) {
    }

    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    public SiteUsers() {
        add("reader1", "reader");
        add("reader2", "reader");
        add("editor", "reader", "editor");
    }

    private void add(String name, String... roles) {
        accounts.put(name, new Account(name.getBytes(StandardCharsets.UTF_8), Set.of(roles)));
    }

    /** Whether the name and password are a user's. */
    public boolean valid(String name, String password) {
        Account account = name == null ? null : accounts.get(name);
        return account != null && password != null
                && MessageDigest.isEqual(account.password(), password.getBytes(StandardCharsets.UTF_8));
    }

    public boolean exists(String name) {
        return accounts.containsKey(name);
    }

    /** The user's roles now (unmodifiable), or null for a name nobody has. */
    public Set<String> roles(String name) {
        Account account = accounts.get(name);
        return account == null ? null : account.roles();
    }

    /** Gives the user a role ({@code add}) or takes one ({@code remove}); false for an unknown user. */
    public boolean change(String name, String role, boolean add) {
        return accounts.computeIfPresent(name, (n, account) -> {
            Set<String> roles = new HashSet<>(account.roles());
            if (add) {
                roles.add(role);
            } else {
                roles.remove(role);
            }
            return new Account(account.password(), Set.copyOf(roles));
        }) != null;
    }
}
