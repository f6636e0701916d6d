package io.gatecache.jakarta.servlet;

import io.gatecache.engine.Answer;
import io.gatecache.engine.BelowContainer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A servlet response as the door below the container writes it. */
final class ServletResponseView implements BelowContainer.Response {

    private final HttpServletResponse res;

    ServletResponseView(HttpServletResponse res) {
        this.res = res;
    }

    @Override
    public void write(Answer answer) throws IOException {
        GatecacheFilter.write(res, answer);
    }

    @Override
    public boolean committed() {
        return res.isCommitted();
    }

    @Override
    public void reset() {
        res.reset();
    }
}
