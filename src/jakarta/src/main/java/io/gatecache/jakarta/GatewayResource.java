package io.gatecache.jakarta;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gateway mode's catch-all resource: every method on every path under the gateway prefix goes to
 * the origin, and the origin's status, header fields and body come back as they were. The cache
 * filters treat it like any other resource (so revalidation reaches the origin as a real
 * conditional request).
 */
@Path("{path: .*}")
public class GatewayResource {

    /** The request property that marks a gateway response (no application defaults apply to it). */
    static final String MARK = GatewayResource.class.getName();

    @Context
    private ServletContext context;

    @Context
    private HttpServletRequest request;

    @Context
    private HttpHeaders headers;

    @GET
    public Response get() {
        return forward(null);
    }

    @HEAD
    public Response head() {
        return forward(null);
    }

    @OPTIONS
    public Response options(byte[] body) {
        return forward(body);
    }

    @POST
    public Response post(byte[] body) {
        return forward(body);
    }

    @PUT
    public Response put(byte[] body) {
        return forward(body);
    }

    @DELETE
    public Response delete(byte[] body) {
        return forward(body);
    }

    @PATCH
    public Response patch(byte[] body) {
        return forward(body);
    }

    /** Any other method, renamed by {@link GatewayMethodFilter}. */
    @GatewayMethodFilter.Extension
    public Response extension(byte[] body) {
        return forward(body);
    }

    private Response forward(byte[] body) {
        Gateway gateway = (Gateway) context.getAttribute(Gateway.ATTRIBUTE);
        if (gateway == null || !GatecacheInitializer.GATEWAY_SERVLET.equals(
                request.getHttpServletMapping().getServletName())) {
            // found by an application's resource scanning, outside gateway mode
            throw new jakarta.ws.rs.NotFoundException();
        }
        request.setAttribute(MARK, Boolean.TRUE);
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        URI target = gateway.target(path, request.getQueryString());
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        // the JAX-RS view of the request: it carries the validators the cache put in for revalidation
        headers.getRequestHeaders().forEach((name, values) -> values.forEach(v -> fields.add(Map.entry(name, v))));
        Gateway.Reply reply = gateway.forward(method, target, fields, body, request.getRemoteAddr());
        if (reply.unreachable() && request.getAttribute(Exchange.ATTRIBUTE) instanceof Exchange ex) {
            ex.originUnreachable = true;
        }
        Response.ResponseBuilder b = Response.status(reply.status());
        String contentLength = null;
        for (Map.Entry<String, String> h : reply.headers()) {
            if (h.getKey().equalsIgnoreCase("Content-Length")) {
                contentLength = h.getValue();
            } else if (h.getKey().equalsIgnoreCase("Content-Type") && !validMediaType(h.getValue())) {
                // JAX-RS cannot write a body under a type it cannot parse
                return Response.status(502).type("text/plain").header("Cache-Control", "no-store")
                        .entity("the origin sent an invalid Content-Type\n").build();
            } else {
                b.header(h.getKey(), h.getValue());
            }
        }
        boolean bodiless = method.equals("HEAD") || reply.status() == 204 || reply.status() == 304;
        if (bodiless) {
            if (contentLength != null && method.equals("HEAD")) {
                b.header("Content-Length", contentLength);
            }
        } else {
            b.entity(reply.body());
        }
        return b.build();
    }

    private static boolean validMediaType(String value) {
        try {
            jakarta.ws.rs.core.MediaType.valueOf(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
