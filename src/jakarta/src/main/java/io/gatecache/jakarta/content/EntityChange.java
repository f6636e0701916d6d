package io.gatecache.jakarta.content;

import io.gatecache.api.CacheClearEvent;

/**
 * One write an entity listener saw, with what it needs once the transaction has committed (the
 * entity is detached by then, and a removed one's data is gone): the kind of change and the ids.
 */
record EntityChange(CacheClearEvent.Change kind, Object entity, long contentId, long locationId, long parentId,
        long oldParentId, long relatedContentId, long contentTypeId, String entityType, Object entityId) {
}
