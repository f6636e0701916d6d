package io.gatecache.engine;

import io.gatecache.core.CacheKey;
import io.gatecache.core.rules.CacheRule;
import io.gatecache.core.rules.RuleSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The cache rules in force: the configured ones, changed at run time (over JMX), and the rule a
 * request's path matches.
 */
public final class RuleBook {

    private static final Logger LOG = Logger.getLogger(RuleBook.class.getName());

    private final AtomicReference<RuleSet> rules;
    private final String contextPath;

    /** @param contextPath the application's context path, which rules do not see */
    RuleBook(RuleSet configured, String contextPath) {
        this.rules = new AtomicReference<>(configured);
        this.contextPath = contextPath;
    }

    /** The rules in force now. */
    public RuleSet inForce() {
        return rules.get();
    }

    /** Adds (or replaces) a rule; effective from the next request. */
    public void add(CacheRule rule) {
        RuleSet updated = rules.updateAndGet(r -> r.with(rule));
        LOG.info(() -> "Gatecache rule " + rule.name() + " set: " + rule.definition() + "; rules now "
                + updated.rules().stream().map(CacheRule::name).toList());
    }

    /** Removes a rule; whether there was one. Effective from the next request. */
    public boolean remove(String name) {
        RuleSet before = rules.getAndUpdate(r -> r.without(name));
        boolean removed = before.rules().stream().anyMatch(r -> r.name().equals(name));
        if (removed) {
            LOG.info(() -> "Gatecache rule " + name + " removed; rules now "
                    + rules.get().rules().stream().map(CacheRule::name).toList());
        }
        return removed;
    }

    /** The rule a key (path and query, as the request came) matches, or null. */
    CacheRule match(String key) {
        RuleSet ruleSet = rules.get();
        return ruleSet.isEmpty() ? null : ruleSet.match(applicationPath(key));
    }

    /**
     * The path within the application (without the context path) that rules match: without
     * {@code ;parameters}, dot segments resolved, as the container routes it (so
     * {@code /account;.png} is {@code /account} and {@code /static/..;/account} is {@code /account}).
     */
    private String applicationPath(String key) {
        int q = key.indexOf('?');
        String path = q < 0 ? key : key.substring(0, q);
        if (path.indexOf(';') >= 0) {
            path = CacheKey.of(path.replaceAll(";[^/]*", ""), null);
        }
        return !contextPath.isEmpty() && path.startsWith(contextPath) ? path.substring(contextPath.length()) : path;
    }
}
