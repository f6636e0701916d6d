package io.gatecache.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The test deployments: the example site's WAR, renamed, with test classes and configuration added. */
final class Deployments {

    private Deployments() {
    }

    /** The example WAR built by src/example, as {@code name}, plus {@code classes}. */
    static WebArchive example(String name, Class<?>... classes) {
        WebArchive example = ShrinkWrap.createFromZipFile(WebArchive.class,
                new File(System.getProperty("gatecache.exampleWar", "target/gatecache-example.war")));
        return ShrinkWrap.create(WebArchive.class, name).merge(example).addClasses(classes);
    }

    /** The same, with MicroProfile Config properties for the application. */
    static WebArchive example(String name, String config, Class<?>... classes) {
        return example(name, classes).addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
    }
}
