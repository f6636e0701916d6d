package io.gatecache.infinispan;

import io.gatecache.core.CacheControl;
import io.gatecache.core.EntityTag;
import io.gatecache.core.Headers;
import io.gatecache.core.StoredResponse;
import io.gatecache.core.Vary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.infinispan.protostream.annotations.ProtoAdapter;
import org.infinispan.protostream.annotations.ProtoFactory;
import org.infinispan.protostream.annotations.ProtoField;

/**
 * ProtoStream form of the core's {@link StoredResponse}, so entries can cross the wire between
 * clustered stores. Header sections travel as parallel name and value lists, in order; the
 * caching-relevant fields travel as they were parsed when the response came in, so reading an
 * entry back parses nothing.
 */
@ProtoAdapter(StoredResponse.class)
public class StoredResponseAdapter {

    @ProtoFactory
    StoredResponse create(int status, List<String> headerNames, List<String> headerValues, byte[] body,
            long requestTime, long responseTime, List<String> variantNames, List<String> variantValues,
            long cacheTtl, String targetedField, List<String> tags, List<String> directiveNames,
            List<String> directiveValues, long dateValue, long ageValue, long expires, long lastModified,
            String etag, boolean weakEtag, boolean varyAny, List<String> varyFields) {
        Map<String, String> directives = new HashMap<>();
        if (directiveNames != null && directiveValues != null) {
            for (int i = 0; i < Math.min(directiveNames.size(), directiveValues.size()); i++) {
                directives.put(directiveNames.get(i), directiveValues.get(i));
            }
        }
        StoredResponse.Parsed parsed = new StoredResponse.Parsed(CacheControl.of(directives), dateValue, ageValue,
                expires, lastModified, etag == null ? null : new EntityTag(etag, weakEtag),
                new Vary(varyAny, varyFields == null ? List.of() : List.copyOf(varyFields)));
        return new StoredResponse(status, headers(headerNames, headerValues), body, requestTime, responseTime,
                headers(variantNames, variantValues), cacheTtl, targetedField, tags, parsed);
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
    List<String> getTags(StoredResponse r) {
        return r.tags();
    }

    // ---- the fields as parsed when the response came in: a hit parses nothing ------------

    @ProtoField(number = 12)
    List<String> getDirectiveNames(StoredResponse r) {
        return new ArrayList<>(r.cacheControl().directives().keySet());
    }

    @ProtoField(number = 13)
    List<String> getDirectiveValues(StoredResponse r) {
        List<String> out = new ArrayList<>();
        for (String name : getDirectiveNames(r)) {
            out.add(r.cacheControl().directives().get(name));
        }
        return out;
    }

    @ProtoField(number = 14, defaultValue = "0")
    long getDateValue(StoredResponse r) {
        return r.dateValue();
    }

    @ProtoField(number = 15, defaultValue = "0")
    long getAgeValue(StoredResponse r) {
        return r.ageValue();
    }

    @ProtoField(number = 16, defaultValue = "-9223372036854775808")
    long getExpires(StoredResponse r) {
        return r.expires();
    }

    @ProtoField(number = 17, defaultValue = "-1")
    long getLastModified(StoredResponse r) {
        return r.lastModified();
    }

    @ProtoField(number = 18)
    String getEtag(StoredResponse r) {
        return r.etag().map(EntityTag::opaque).orElse(null);
    }

    @ProtoField(number = 19, defaultValue = "false")
    boolean getWeakEtag(StoredResponse r) {
        return r.etag().map(EntityTag::weak).orElse(false);
    }

    @ProtoField(number = 20, defaultValue = "false")
    boolean getVaryAny(StoredResponse r) {
        return r.vary().any();
    }

    @ProtoField(number = 21)
    List<String> getVaryFields(StoredResponse r) {
        return r.vary().fields();
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
