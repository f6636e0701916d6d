package io.gatecache.jakarta;

import org.infinispan.protostream.GeneratedSchema;
import org.infinispan.protostream.annotations.ProtoSchema;

/** The ProtoStream schema of stored entries; the annotation processor generates its implementation. */
@ProtoSchema(includeClasses = {StoredResponseAdapter.class, VariantList.class},
        schemaFileName = "gatecache.proto", schemaFilePath = "proto/", schemaPackageName = "io.gatecache")
public interface GatecacheSchema extends GeneratedSchema {
}
