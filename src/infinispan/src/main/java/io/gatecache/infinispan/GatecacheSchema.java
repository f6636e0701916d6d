package io.gatecache.infinispan;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;

/**
 * The ProtoStream schema of stored entries and of the store's functions; the annotation processor
 * generates its implementation.
 */
@ProtoSchema(includeClasses = {StoredResponseAdapter.class, VariantList.class, StoreFunctions.PutVariant.class,
        StoreFunctions.Tombstone.class, StoreFunctions.RemoveVariant.class, StoreFunctions.Latest.class, StoreFunctions.Keep.class},
        schemaFileName = "gatecache.proto", schemaFilePath = "proto/", schemaPackageName = "io.gatecache")
public interface GatecacheSchema extends GeneratedSchema {
}
