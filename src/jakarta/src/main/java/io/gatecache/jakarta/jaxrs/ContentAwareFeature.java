package io.gatecache.jakarta.jaxrs;

import io.gatecache.api.ContentAware;
import io.gatecache.jakarta.tags.RequestTagger;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds {@link ContentAware} to the resource methods it applies to (a method's own annotation,
 * else its class's): their responses, of any status (a stored 404 is purged when the content
 * appears), get the tags it names, through the request's {@link RequestTagger}; one that cannot
 * be tagged is sent with {@code Cache-Control: no-store}. A path parameter it names that the method's path does not
 * have fails the application as JAX-RS starts.
 */
@Provider
public class ContentAwareFeature implements DynamicFeature {

    private static final Logger LOG = Logger.getLogger(ContentAwareFeature.class.getName());
    private static final Pattern PARAM = Pattern.compile("\\{\\s*([\\w.-]+)");

    @Override
    public void configure(ResourceInfo info, FeatureContext context) {
        Method method = info.getResourceMethod();
        if (method == null) {
            return;
        }
        ContentAware aware = method.getAnnotation(ContentAware.class);
        if (aware == null && info.getResourceClass() != null) {
            aware = info.getResourceClass().getAnnotation(ContentAware.class);
        }
        if (aware == null) {
            return;
        }
        Set<String> params = pathParameters(info.getResourceClass(), method);
        List<String> errors = new ArrayList<>();
        String where = "@ContentAware on " + method.getDeclaringClass().getName() + "." + method.getName();
        for (String named : List.of(aware.location(), aware.content())) {
            if (!named.isEmpty() && !params.contains(named)) {
                errors.add(where + " names path parameter '" + named + "', which its path " + params + " does not have");
            }
        }
        for (String tag : aware.tags()) {
            Matcher m = Pattern.compile("\\{([^}]*)}").matcher(tag);
            while (m.find()) {
                if (!params.contains(m.group(1).trim())) {
                    errors.add(where + ": tag '" + tag + "' names path parameter '" + m.group(1)
                            + "', which its path " + params + " does not have");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Gatecache: " + errors.size() + " invalid @ContentAware annotation(s):\n  - "
                    + String.join("\n  - ", errors));
        }
        context.register(new ContentAwareTags(aware, CDI.current().select(RequestTagger.class)),
                Priorities.HEADER_DECORATOR);
        if (aware.userContext()) {
            context.register(UserContextVary.configured(), Priorities.HEADER_DECORATOR + 1);
        }
    }

    private static Set<String> pathParameters(Class<?> type, Method method) {
        Set<String> names = new LinkedHashSet<>();
        for (Path p : new Path[] {type == null ? null : type.getAnnotation(Path.class), method.getAnnotation(Path.class)}) {
            if (p != null) {
                Matcher m = PARAM.matcher(p.value());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** Tags a successful or redirect response as the annotation says. */
    static final class ContentAwareTags implements ContainerResponseFilter {
        private final ContentAware aware;
        private final Instance<RequestTagger> taggers;

        ContentAwareTags(ContentAware aware, Instance<RequestTagger> taggers) {
            this.aware = aware;
            this.taggers = taggers;
        }

        @Override
        public void filter(ContainerRequestContext req, ContainerResponseContext res) {
            try {
                RequestTagger tagger = taggers.get();
                MultivaluedMap<String, String> params = req.getUriInfo().getPathParameters();
                Long location = id(params, aware.location());
                if (location != null) {
                    tagger.addTags(tagger.tagging().location(location));
                }
                Long content = id(params, aware.content());
                if (content != null) {
                    tagger.addTags(tagger.tagging().content(content));
                }
                for (String template : aware.tags()) {
                    tagger.addTags(expand(template, params));
                }
                if (aware.entity() && res.hasEntity()) {
                    tagger.entity(res.getEntity());
                }
            } catch (RuntimeException e) {
                // a page that cannot be tagged could not be purged: it goes out, never stored
                res.getHeaders().putSingle("Cache-Control", "no-store");
                LOG.log(Level.WARNING, "Gatecache: could not tag " + req.getUriInfo().getPath()
                        + "; it is sent with Cache-Control: no-store", e);
            }
        }

        private static Long id(MultivaluedMap<String, String> params, String name) {
            if (name.isEmpty()) {
                return null;
            }
            String v = params.getFirst(name);
            try {
                return v == null ? null : Long.valueOf(v.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static String expand(String template, MultivaluedMap<String, String> params) {
            Matcher m = Pattern.compile("\\{([^}]*)}").matcher(template);
            StringBuilder b = new StringBuilder();
            while (m.find()) {
                String v = params.getFirst(m.group(1).trim());
                m.appendReplacement(b, Matcher.quoteReplacement(v == null ? "" : v));
            }
            m.appendTail(b);
            return b.toString();
        }
    }
}
