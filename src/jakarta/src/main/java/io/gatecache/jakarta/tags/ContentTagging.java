package io.gatecache.jakarta.tags;

import io.gatecache.api.content.ContentItem;
import io.gatecache.api.content.ContentLocation;
import io.gatecache.api.content.ContentModel;
import io.gatecache.api.content.ContentRelation;
import io.gatecache.api.content.ContentType;
import io.gatecache.core.tags.ContentTags;
import io.gatecache.engine.Settings;
import io.gatecache.jakarta.servlet.GatecacheRuntime;
import jakarta.persistence.Entity;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The tags of what a page shows: content, locations and relations by the content scheme (with the
 * content model to fill in types and locations), any other JPA entity by its type and id. One
 * place for the rule, used by {@code @ContentAware}, {@code ResponseTagger} and the JPA listener.
 */
public final class ContentTagging {

    private final ContentTags scheme;
    private final ContentModel model;

    /** @param model the application's content model, or null when it has none */
    public ContentTagging(ContentTags scheme, ContentModel model) {
        this.scheme = scheme;
        this.model = model;
    }

    public ContentTags scheme() {
        return scheme;
    }

    /** The content tag scheme of a running cache, with its prefix; the defaults when none runs. */
    public static ContentTags scheme(GatecacheRuntime runtime) {
        return runtime != null ? runtime.engine().settings().purging().contentTags()
                : Settings.Purging.DEFAULTS.contentTags();
    }

    /** A location as the scheme takes it. */
    public static ContentTags.Location of(ContentLocation l) {
        return new ContentTags.Location(l.locationId(), l.parentLocationId(), l.path());
    }

    /** The tags of a page showing a location's content. */
    public Set<String> location(ContentLocation location) {
        ContentItem content = model == null ? null : model.content(location.contentId());
        return scheme.contentView(location.contentId(), content == null ? 0 : content.contentTypeId(),
                List.of(of(location)));
    }

    /** The tags of a page showing content at some of its locations. */
    public Set<String> content(ContentItem content, Collection<? extends ContentLocation> locations) {
        return scheme.contentView(content.contentId(), content.contentTypeId(),
                locations.stream().map(ContentTagging::of).toList());
    }

    /** The tags of a page showing content by id: its type and locations when the model knows them. */
    public Set<String> content(long contentId) {
        ContentItem item = model == null ? null : model.content(contentId);
        List<? extends ContentLocation> locations = model == null ? List.of() : model.locationsOf(contentId);
        return scheme.contentView(contentId, item == null ? 0 : item.contentTypeId(),
                locations.stream().map(ContentTagging::of).toList());
    }

    /** The tags of a page showing a location by id (only {@code l<id>} when the model does not know it). */
    public Set<String> location(long locationId) {
        ContentLocation l = model == null ? null : model.location(locationId);
        return l == null ? Set.of(scheme.location(locationId)) : location(l);
    }

    /** The tags a page adds for showing a relation to content. */
    public Set<String> relation(long contentId) {
        List<? extends ContentLocation> locations = model == null ? List.of() : model.locationsOf(contentId);
        return scheme.relationView(contentId, locations.stream().map(ContentLocation::locationId).toList());
    }

    /**
     * The tags of a page showing an entity (or each element of a collection): content, a location,
     * a relation or a content type by the scheme; another JPA entity by type and id
     * ({@code Article-7}), and a collection of them by type too ({@code Article}: a list changes
     * when one is added or removed); nothing for anything else.
     */
    public Set<String> entity(Object entity) {
        Set<String> tags = new LinkedHashSet<>();
        addEntity(tags, entity, false);
        return tags;
    }

    private void addEntity(Set<String> tags, Object entity, boolean listed) {
        if (entity == null) {
            return;
        }
        if (entity instanceof Collection<?> many) {
            many.forEach(e -> addEntity(tags, e, true));
        } else if (entity instanceof ContentLocation l) {
            tags.addAll(location(l));
        } else if (entity instanceof ContentItem c) {
            tags.addAll(model == null ? content(c, List.of()) : content(c, model.locationsOf(c.contentId())));
        } else if (entity instanceof ContentRelation r) {
            tags.addAll(relation(r.destinationContentId()));
        } else if (entity instanceof ContentType t) {
            tags.add(scheme.contentType(t.contentTypeId()));
        } else if (isEntity(entity.getClass())) {
            String type = entityName(entity.getClass());
            if (listed) {
                tags.add(scheme.entityType(type));
            }
            Object id = entityId(entity);
            if (id != null) {
                tags.add(scheme.entity(type, id));
            }
        }
    }

    /** Whether a class is a JPA entity (a proxy's superclass counts). */
    public static boolean isEntity(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.isAnnotationPresent(Entity.class)) {
                return true;
            }
        }
        return false;
    }

    /** The JPA entity name: the annotation's name, else the class's simple name. */
    public static String entityName(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            Entity e = c.getAnnotation(Entity.class);
            if (e != null) {
                return e.name().isEmpty() ? c.getSimpleName() : e.name();
            }
        }
        return type.getSimpleName();
    }

    /**
     * An entity's id without asking the persistence provider: the {@code @Id} or
     * {@code @EmbeddedId} field (read through its getter when the field reads null, as on a lazy
     * proxy) or getter, on the class or a superclass; null when there is none.
     */
    public static Object entityId(Object entity) {
        for (Class<?> c = entity.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.isAnnotationPresent(jakarta.persistence.Id.class)
                        || f.isAnnotationPresent(jakarta.persistence.EmbeddedId.class)) {
                    try {
                        f.setAccessible(true);
                        Object value = f.get(entity);
                        return value != null ? value : getter(entity, f.getName());
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
            for (Method m : c.getDeclaredMethods()) {
                if (m.getParameterCount() == 0 && (m.isAnnotationPresent(jakarta.persistence.Id.class)
                        || m.isAnnotationPresent(jakarta.persistence.EmbeddedId.class))) {
                    try {
                        m.setAccessible(true);
                        return m.invoke(entity);
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        return null;
                    }
                }
            }
        }
        return null;
    }

    /** The value of a property's getter, or null when there is none. */
    private static Object getter(Object entity, String property) {
        try {
            Method m = entity.getClass().getMethod("get" + Character.toUpperCase(property.charAt(0))
                    + property.substring(1));
            return m.invoke(entity);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
