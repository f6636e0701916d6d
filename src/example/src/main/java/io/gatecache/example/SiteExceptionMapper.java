package io.gatecache.example;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A refused request: its status and its short text. */
@Provider
public class SiteExceptionMapper implements ExceptionMapper<SiteException> {

    @Override
    public Response toResponse(SiteException e) {
        return Response.status(e.status()).type(MediaType.TEXT_PLAIN_TYPE).entity(e.getMessage() + "\n").build();
    }
}
