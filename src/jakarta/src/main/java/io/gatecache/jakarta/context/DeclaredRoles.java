package io.gatecache.jakarta.context;

import jakarta.annotation.security.DeclareRoles;
import jakarta.servlet.ServletContext;
import java.io.InputStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The roles that make up a user's context: those the application declares ({@code @DeclareRoles}
 * on its classes, the security roles of its {@code web.xml}) and those configured
 * ({@code gatecache.user-context.roles}).
 */
public final class DeclaredRoles {

    private static final Logger LOG = Logger.getLogger(DeclaredRoles.class.getName());

    private DeclaredRoles() {
    }

    /**
     * @param annotated the application's classes annotated with {@code @DeclareRoles}
     * @param configured the roles {@code gatecache.user-context.roles} lists
     */
    public static Set<String> of(Collection<Class<?>> annotated, ServletContext context, List<String> configured) {
        Set<String> roles = new TreeSet<>(configured);
        for (Class<?> c : annotated) {
            DeclareRoles declared = c.getAnnotation(DeclareRoles.class);
            if (declared != null) {
                roles.addAll(List.of(declared.value()));
            }
        }
        roles.addAll(ofWebXml(context));
        roles.remove("*");
        roles.remove("**");
        return Set.copyOf(roles);
    }

    /** The security roles of {@code WEB-INF/web.xml}; none when it has none or cannot be read. */
    private static Set<String> ofWebXml(ServletContext context) {
        Set<String> roles = new TreeSet<>();
        try (InputStream in = context.getResourceAsStream("/WEB-INF/web.xml")) {
            if (in == null) {
                return roles;
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(in);
            NodeList names = doc.getElementsByTagNameNS("*", "role-name");
            for (int i = 0; i < names.getLength(); i++) {
                if ("security-role".equals(names.item(i).getParentNode().getLocalName())) {
                    roles.add(names.item(i).getTextContent().trim());
                }
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Gatecache: the security roles of WEB-INF/web.xml could not be read; the user"
                    + " context holds the other declared roles", e);
        }
        return roles;
    }
}
