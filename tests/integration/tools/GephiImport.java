// Imports a GraphML file with Gephi's own importer (gephi-toolkit) and prints what arrived as JSON.
// Usage: java -cp gephi-toolkit-0.10.1-all.jar:. GephiImport FILE.graphml
import java.io.File;
import org.gephi.graph.api.Column;
import org.gephi.graph.api.Edge;
import org.gephi.graph.api.Graph;
import org.gephi.graph.api.GraphController;
import org.gephi.graph.api.GraphModel;
import org.gephi.io.importer.api.Container;
import org.gephi.io.importer.api.ImportController;
import org.gephi.io.importer.api.Issue;
import org.gephi.io.processor.plugin.DefaultProcessor;
import org.gephi.project.api.ProjectController;
import org.gephi.project.api.Workspace;
import org.openide.util.Lookup;

public class GephiImport {
    private static String quote(Object value) {
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') out.append('\\').append(c);
            else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    public static void main(String[] args) throws Exception {
        ProjectController projects = Lookup.getDefault().lookup(ProjectController.class);
        projects.newProject();
        Workspace workspace = projects.getCurrentWorkspace();
        ImportController importer = Lookup.getDefault().lookup(ImportController.class);
        Container container = importer.importFile(new File(args[0]));
        importer.process(container, new DefaultProcessor(), workspace);
        GraphModel model = Lookup.getDefault().lookup(GraphController.class).getGraphModel(workspace);
        Graph graph = model.getGraph();
        Column kind = null, supportColumn = null;
        for (Column column : model.getEdgeTable()) {
            if (column.getTitle().equals("kind")) kind = column;
            if (column.getTitle().equals("support")) supportColumn = column;
        }
        StringBuilder out = new StringBuilder("{");
        out.append("\"nodes\": ").append(graph.getNodeCount());
        out.append(", \"edges\": [");
        boolean first = true;
        for (Edge edge : graph.getEdges()) {
            if (!first) out.append(", ");
            first = false;
            out.append("{\"id\": ").append(quote(edge.getId()));
            out.append(", \"source\": ").append(quote(edge.getSource().getId()));
            out.append(", \"target\": ").append(quote(edge.getTarget().getId()));
            out.append(", \"directed\": ").append(edge.isDirected());
            out.append(", \"kind\": ").append(quote(edge.getAttribute(kind)));
            Object support = edge.getAttribute(supportColumn);
            out.append(", \"support_type\": ").append(quote(support == null ? "null" : support.getClass().getSimpleName()));
            out.append("}");
        }
        out.append("], \"issues\": [");
        first = true;
        java.util.Iterator<Issue> issues = container.getReport().getIssues(1000);
        while (issues.hasNext()) {
            Issue issue = issues.next();
            if (!first) out.append(", ");
            first = false;
            out.append(quote(issue.getLevel() + ": " + issue.getMessage()));
        }
        out.append("]}");
        System.out.println(out);
        System.exit(0);
    }
}
