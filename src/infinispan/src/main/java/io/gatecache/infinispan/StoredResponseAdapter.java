package io.gatecache.infinispan;

import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

/**
 * ProtoStream form of the core's {@link StoredResponse}, so entries can cross the wire between
 * clustered stores. Header sections travel as parallel name and value lists, in order.
 */
@ProtoAdapter(StoredResponse.class)
public class StoredResponseAdapter {

    @ProtoFactory
    StoredResponse create(int status, List<String> headerNames, List<String> headerValues, byte[] body,
            long requestTime, long responseTime, List<String> variantNames, List<String> variantValues,
            long cacheTtl, String targetedField, Set<String> tags) {
        return new StoredResponse(status, headers(headerNames, headerValues), body, requestTime, responseTime,
                headers(variantNames, variantValues), cacheTtl, targetedField, tags);
    }

    @ProtoField(number = 1, defaultValue = "0")
    int getStatus(StoredResponse r) {
        return r.status();
    }

    @ProtoField(number = 2)
    List<String> getHeaderNames(StoredResponse r) {
        return column(r.headers(), true);
    }

    @ProtoField(number = 3)
    List<String> getHeaderValues(StoredResponse r) {
        return column(r.headers(), false);
    }

    @ProtoField(number = 4)
    byte[] getBody(StoredResponse r) {
        return r.body();
    }

    @ProtoField(number = 5, defaultValue = "0")
    long getRequestTime(StoredResponse r) {
        return r.requestTime();
    }

    @ProtoField(number = 6, defaultValue = "0")
    long getResponseTime(StoredResponse r) {
        return r.responseTime();
    }

    @ProtoField(number = 7)
    List<String> getVariantNames(StoredResponse r) {
        return column(r.variantKey(), true);
    }

    @ProtoField(number = 8)
    List<String> getVariantValues(StoredResponse r) {
        return column(r.variantKey(), false);
    }

    @ProtoField(number = 9, defaultValue = "-1")
    long getCacheTtl(StoredResponse r) {
        return r.cacheTtl();
    }

    @ProtoField(number = 10)
    String getTargetedField(StoredResponse r) {
        return r.targetedField();
    }

    @ProtoField(number = 11)
    Set<String> getTags(StoredResponse r) {
        return r.tags();
    }

    private static Headers headers(List<String> names, List<String> values) {
        Headers.Builder b = Headers.builder();
        if (names != null && values != null) {
            for (int i = 0; i < Math.min(names.size(), values.size()); i++) {
                b.add(names.get(i), values.get(i));
            }
        }
        return b.build();
    }

    /** The field names ({@code names}) or values of a header section, in order. */
    private static List<String> column(Headers h, boolean names) {
        List<String> out = new ArrayList<>(h.size());
        for (int i = 0; i < h.size(); i++) {
            out.add(names ? h.name(i) : h.value(i));
        }
        return out;
    }
}
