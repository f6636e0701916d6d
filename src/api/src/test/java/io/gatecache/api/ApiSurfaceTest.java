package io.gatecache.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the API's classes may be: objects the cache makes have no public constructor, and no class
 * names a Gatecache type outside the API. The module depends on no other Gatecache module, so the
 * compiler already refuses such a type; this also catches a name in a string (a reflective look-up).
 */
class ApiSurfaceTest {

    /** A Gatecache package other than the API's, as a class file names it (in a descriptor or a string). */
    private static final Pattern OUTSIDE_THE_API = Pattern.compile("io[/.]gatecache[/.](?!api[/.$;])[A-Za-z_$]\\w*");

    private static Path classes() throws URISyntaxException {
        return Path.of(CacheClearEvent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<Path> classFiles() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.walk(classes())) {
            return files.filter(f -> f.toString().endsWith(".class")).sorted().toList();
        }
    }

    private static Class<?> load(Path classFile) throws Exception {
        String name = classes().relativize(classFile).toString().replace(classFile.getFileSystem().getSeparator(), ".");
        return Class.forName(name.substring(0, name.length() - ".class".length()), false,
                ApiSurfaceTest.class.getClassLoader());
    }

    @Test
    void aCacheClearEventHasNoPublicConstructor() {
        assertTrue(CacheClearEvent.class.isInterface());
        assertEquals(0, CacheClearEvent.class.getConstructors().length);
    }

    @Test
    void thePurgeExceptionsHaveNoPublicConstructorAndAreTwoUncheckedTypes() {
        for (Class<?> e : List.of(PurgeNotRecordedException.class, TooManyBansException.class)) {
            assertEquals(0, e.getConstructors().length, e.getName());
            assertTrue(RuntimeException.class.isAssignableFrom(e), e.getName());
        }
        assertFalse(PurgeNotRecordedException.class.isAssignableFrom(TooManyBansException.class));
        assertFalse(TooManyBansException.class.isAssignableFrom(PurgeNotRecordedException.class));
    }

    /**
     * JPA makes the entity listener it is given the class of, and the application makes the one
     * event it fires (a user's context changed); the cache makes everything else.
     */
    @Test
    void onlyTheEntityListenerAndTheApplicationsEventHavePublicConstructors() throws Exception {
        List<String> constructible = new ArrayList<>();
        for (Path f : classFiles()) {
            Class<?> c = load(f);
            if (Modifier.isPublic(c.getModifiers()) && c.getConstructors().length > 0) {
                constructible.add(c.getName());
            }
        }
        java.util.Collections.sort(constructible);
        assertEquals(List.of(CacheClearListener.class.getName(), UserContextChanged.class.getName()), constructible);
    }

    @Test
    void noClassNamesAGatecacheTypeOutsideTheApi() throws Exception {
        List<Path> files = classFiles();
        assertTrue(files.size() > 10, "the API's classes are found: " + files);
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            Matcher m = OUTSIDE_THE_API.matcher(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
            while (m.find()) {
                found.add(classes().relativize(f) + ": " + m.group());
            }
        }
        assertEquals(List.of(), found);
    }
}
