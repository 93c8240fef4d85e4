package dev.partneraccess.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The layering every module keeps, read from the sources of the whole build: entities and queries stay in the store
 * package, the domain knows no HTTP and no JSON bodies, and no node keeps mutable state in a static field. A change
 * that breaks one of these names the file and the line.
 */
class LayeringTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String STORE_PACKAGE = "core/src/main/java/dev/partneraccess/core/jpa/";
    private static final List<String> MODULES = List.of("core", "authenticator", "event-listener", "admin-rest");

    private record Line(String file, int number, String text) {
        @Override
        public String toString() {
            return file + ":" + number + ": " + text.strip();
        }
    }

    private static List<Line> lines(String module) {
        Path sources = ROOT.resolve(module).resolve("src/main/java");
        List<Line> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                String name = ROOT.relativize(file).toString().replace('\\', '/');
                List<String> text = Files.readAllLines(file);
                for (int i = 0; i < text.size(); i++) {
                    found.add(new Line(name, i + 1, text.get(i)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static List<Line> everyModule() {
        return MODULES.stream().flatMap(module -> lines(module).stream()).toList();
    }

    private static List<Line> matching(List<Line> lines, Pattern pattern) {
        return lines.stream().filter(line -> pattern.matcher(line.text()).find()).toList();
    }

    @Test
    @DisplayName("Given every module, then only the store package imports an entity or speaks JPA")
    void entitiesAndQueriesStayInTheStorePackage() {
        List<Line> outside = everyModule().stream().filter(line -> !line.file().startsWith(STORE_PACKAGE)).toList();
        assertThat(matching(outside, Pattern.compile("import dev\\.partneraccess\\.core\\.jpa\\.\\w+Entity;")))
                .as("entity imports outside %s", STORE_PACKAGE).isEmpty();
        assertThat(matching(outside, Pattern.compile("import (jakarta\\.persistence|org\\.keycloak\\.models\\.jpa\\.entities)\\.")))
                .as("JPA imports outside %s", STORE_PACKAGE).isEmpty();
        assertThat(matching(outside, Pattern.compile("\\.(createQuery|createNamedQuery|createNativeQuery)\\(")))
                .as("queries outside %s", STORE_PACKAGE).isEmpty();
        assertThat(matching(outside, Pattern.compile("\\b(JpaConnectionProvider|EntityManager|LockModeType)\\b")))
                .as("the persistence context outside %s", STORE_PACKAGE).isEmpty();
    }

    @Test
    @DisplayName("Given the core module, then nothing in it knows HTTP")
    void coreKnowsNoHttp() {
        assertThat(matching(lines("core"), Pattern.compile("import jakarta\\.ws\\.rs\\."))).isEmpty();
    }

    @Test
    @DisplayName("Given the core module, then no public method takes a JSON body or answers a JSON tree")
    void coreServicesTakeTypedInputsAndAnswerModelValues() {
        Pattern takesBody = Pattern.compile("public [^=;]*\\([^)]*\\bJsonBody\\b");
        Pattern answersTree = Pattern.compile("public (static )?(List<)?(ObjectNode|ArrayNode)>? \\w+\\(");
        List<Line> core = lines("core").stream()
                // The JSON helpers themselves: the ledger's details are JSON by contract, built with them.
                .filter(line -> !line.file().endsWith("/core/support/JsonBody.java"))
                .filter(line -> !line.file().endsWith("/core/support/Json.java"))
                .toList();
        assertThat(matching(core, takesBody)).as("public methods taking JsonBody").isEmpty();
        assertThat(matching(core, answersTree)).as("public methods answering ObjectNode or ArrayNode").isEmpty();
    }

    @Test
    @DisplayName("Given every module, then no static field holds mutable state")
    void nothingStaticIsMutable() {
        Pattern staticField = Pattern.compile("^\\s*(private |protected |public )?static (?!final )(?!class )(?!record )"
                + "(?!enum )(?!interface )(?!<)[\\w.<>, ?\\[\\]]+ \\w+\\s*(=|;)");
        Pattern mutableConstant = Pattern.compile("static final [^=]*=\\s*new (Hash|LinkedHash|Tree|ConcurrentHash|"
                + "ConcurrentSkipList|WeakHash|IdentityHash)?(Map|Set|List|ArrayList|LinkedList|ArrayDeque)\\b");
        List<Line> lines = everyModule();
        assertThat(matching(lines, staticField)).as("static fields that are not final").isEmpty();
        assertThat(matching(lines, mutableConstant)).as("static collections that can change").isEmpty();
    }

    @Test
    @DisplayName("Given a line that breaks a rule, then the rule's pattern sees it")
    void thePatternsSeeWhatTheyForbid() {
        Matcher entity = Pattern.compile("import dev\\.partneraccess\\.core\\.jpa\\.\\w+Entity;")
                .matcher("import dev.partneraccess.core.jpa.GrantEntity;");
        assertThat(entity.find()).isTrue();
        assertThat(Pattern.compile("public [^=;]*\\([^)]*\\bJsonBody\\b")
                .matcher("    public AccessRequest create(JsonBody body, Actor actor) {").find()).isTrue();
        assertThat(Pattern.compile("public (static )?(List<)?(ObjectNode|ArrayNode)>? \\w+\\(")
                .matcher("    public List<ObjectNode> list(String tier) {").find()).isTrue();
        assertThat(Pattern.compile("static final [^=]*=\\s*new (Hash|LinkedHash|Tree|ConcurrentHash|"
                + "ConcurrentSkipList|WeakHash|IdentityHash)?(Map|Set|List|ArrayList|LinkedList|ArrayDeque)\\b")
                .matcher("    private static final Map<String, Long> SEEN = new ConcurrentHashMap<>();").find()).isTrue();
    }
}
