package io.gatecache.core.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules in the order they were defined, with the CDN priority: an extension rule beats a
 * directory rule; among rules of one type, the first defined wins.
 */
public final class RuleSet {

    public static final RuleSet EMPTY = new RuleSet(List.of());

    private final List<CacheRule> rules;

    public RuleSet(List<CacheRule> rules) {
        List<String> names = new ArrayList<>();
        for (CacheRule r : rules) {
            if (names.contains(r.name())) {
                throw new IllegalArgumentException("cache rule '" + r.name() + "' is defined twice");
            }
            names.add(r.name());
        }
        this.rules = List.copyOf(rules);
    }

    public List<CacheRule> rules() {
        return rules;
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /** The rule for a path: the first matching extension rule, else the first matching directory rule, else null. */
    public CacheRule match(String path) {
        CacheRule directory = null;
        for (CacheRule r : rules) {
            if (r.matches(path)) {
                if (r.type() == CacheRule.Type.EXTENSION) {
                    return r;
                }
                if (directory == null) {
                    directory = r;
                }
            }
        }
        return directory;
    }

    /** A copy with a rule added last (or replacing the rule of the same name, in its place). */
    public RuleSet with(CacheRule rule) {
        List<CacheRule> out = new ArrayList<>(rules);
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).name().equals(rule.name())) {
                out.set(i, rule);
                return new RuleSet(out);
            }
        }
        out.add(rule);
        return new RuleSet(out);
    }

    /** A copy without the named rule. */
    public RuleSet without(String name) {
        return new RuleSet(rules.stream().filter(r -> !r.name().equals(name)).toList());
    }
}
