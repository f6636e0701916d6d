package io.gatecache.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** What an error page repeats, escaped. */
class ErrorTextTest {

    @Test
    void theHtmlSpecialsBecomeReferences() {
        assertEquals("/x&quot;&gt;&lt;script&gt;", ErrorText.escape("/x\"><script>"));
        assertEquals("a&amp;b &#39;c&#39;", ErrorText.escape("a&b 'c'"));
    }

    @Test
    void lineBreaksAndOtherControlsBecomeNumericReferences() {
        assertEquals("/y&#13;&#10;Set-Cookie: a=b", ErrorText.escape("/y\r\nSet-Cookie: a=b"));
        assertEquals("&#0;&#9;&#127;&#133;&#8232;&#8233;", ErrorText.escape("\0\t\u007f\u0085\u2028\u2029"));
    }

    @Test
    void plainTextIsTheSameText() {
        String plain = "the include of /f/one?a=1 failed: status 404 (ü, 中)";
        assertSame(plain, ErrorText.escape(plain));
        assertEquals("null", ErrorText.escape(null));
    }
}
