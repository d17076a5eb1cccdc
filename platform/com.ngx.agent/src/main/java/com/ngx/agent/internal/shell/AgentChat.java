package com.ngx.agent.internal.shell;

import com.ngx.agent.internal.knowledge.KnowledgeIndex;
import com.ngx.agent.internal.service.Conversations;
import com.ngx.agent.internal.service.Simulator;
import com.ngx.tenant.Tenant;
import com.ngx.tenant.TenantService;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;

/**
 * {@code ngx:agent-chat <tenant> <agent>}: talk to an agent in the console. By default a real
 * conversation with the live version (stored, counted as usage like any other, channel
 * "console"); with {@code --draft} a simulation of the draft that stores nothing. Every reply
 * shows the node, intent, objection and sources. {@code /quit} ends.
 */
@Service
@Command(scope = "ngx", name = "agent-chat", description = "Chat with an agent interactively (type /quit to end)")
public class AgentChat implements Action {

  @Reference TenantService tenants;
  @Reference Conversations conversations;
  @Reference Simulator simulator;
  @Reference Session session;

  @Argument(index = 0, name = "tenant", description = "Tenant id or slug", required = true)
  String tenant;

  @Argument(index = 1, name = "agent", description = "Agent id", required = true)
  String agent;

  @Option(name = "--language", description = "en or es (default: the agent's)")
  String language;

  @Option(name = "--draft", description = "Simulate the draft instead of talking to the live version (nothing is stored)")
  boolean draft;

  @Option(name = "--message", aliases = "-m", multiValued = true,
      description = "Send these messages instead of reading from the keyboard (scripts, tests)")
  List<String> messages;

  @Override
  public Object execute() throws Exception {
    Tenant t = Tenants.resolve(tenants, tenant);
    PrintStream out = session.getConsole();
    Session in = messages != null ? null : session;
    List<String> script = messages == null ? List.of() : messages;
    if (draft) {
      List<String> sent = new ArrayList<>();
      Simulator.Simulation first = Tenants.run(() -> simulator.run(t.context(), t.schema(), agent, 0, language, List.of(), "console"));
      print(out, first.steps().get(0).reply(), first.steps().get(0).node(), null, null, List.of());
      int i = 0;
      while (true) {
        String line = next(in, out, script, i++);
        if (line == null) {
          break;
        }
        sent.add(line);
        Simulator.Simulation sim = Tenants.run(() -> simulator.run(t.context(), t.schema(), agent, 0, language, sent, "console"));
        Simulator.Step s = sim.steps().get(sim.steps().size() - 1);
        print(out, s.reply(), s.node(), String.valueOf(s.trace().get("intent")), String.valueOf(s.trace().get("objection")), List.of());
      }
      return null;
    }
    Conversations.TurnView start = Tenants.run(() -> conversations.start(t.context(), t.schema(), agent, language, "console", false));
    out.println("(conversation " + start.id() + ")");
    print(out, start.reply(), start.node(), null, null, start.sources());
    int i = 0;
    while (!"ended".equals(start.status())) {
      String line = next(in, out, script, i++);
      if (line == null) {
        break;
      }
      Conversations.TurnView turn = Tenants.run(() -> conversations.message(t.context(), t.schema(), start.id(), line, null, false));
      print(out, turn.reply(), turn.node(), turn.intent() == null ? null : turn.intent().name() + " " + turn.intent().score(),
          turn.objection() == null ? null : turn.objection().name() + " " + turn.objection().score(), turn.sources());
      if (!"active".equals(turn.status())) {
        out.println("(conversation " + turn.status().replace('_', ' ') + "; score " + turn.leadScore() + ")");
        break;
      }
    }
    return null;
  }

  private static String next(Session in, PrintStream out, List<String> script, int i) throws java.io.IOException {
    if (in == null) {
      if (i >= script.size()) {
        return null;
      }
      out.println("you> " + script.get(i));
      return script.get(i);
    }
    String line = in.readLine("you> ", null);
    if (line == null || line.strip().equals("/quit")) {
      return null;
    }
    return line.isBlank() ? next(in, out, script, i) : line.strip();
  }

  private static void print(PrintStream out, String reply, String node, String intent, String objection, List<KnowledgeIndex.Source> sources) {
    out.println("agent> " + reply.replace("\n", "\n       "));
    StringBuilder meta = new StringBuilder("       [node " + node);
    if (intent != null && !intent.equals("null")) {
      meta.append(", intent ").append(intent);
    }
    if (objection != null && !objection.equals("null")) {
      meta.append(", objection ").append(objection);
    }
    for (KnowledgeIndex.Source s : sources) {
      meta.append(", source ").append(s.documentName()).append(s.page() == null ? "" : " p." + s.page());
    }
    out.println(meta.append(']'));
  }
}
