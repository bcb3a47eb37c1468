package io.trustfabric.helm;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseBaseLib;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The chart's Argo CD health checks (files/argocd/&lt;Kind&gt;.lua), run the way Argo CD runs a
 * resource.customizations.health script: the object as the global {@code obj}, only the base, package and table
 * libraries (Argo CD opens no string or math library unless useOpenLibs is set), numbers as Lua numbers (Argo CD
 * decodes them from JSON as float64), and the returned table's {@code status} checked against Argo CD's health codes.
 * LuaJ implements Lua 5.2, a superset of the gopher-lua (5.1) Argo CD uses; the 5.2-only syntax is kept out by
 * ArgoCdHealthTest's source checks.
 */
final class ArgoCdHealthChecks {

  /** The health codes Argo CD accepts from a script; any other value becomes Unknown. */
  static final Set<String> HEALTH_CODES = Set.of("Healthy", "Progressing", "Degraded", "Suspended", "Missing",
      "Unknown");

  /** What a script returned. */
  record Health(String status, String message) {
  }

  private ArgoCdHealthChecks() {
  }

  /** helm/trust-fabric/files/argocd */
  static Path directory() {
    return TrustFabricChart.directory().resolve("files").resolve("argocd");
  }

  /** The start every kind's script shares: files/argocd-lib/common.lua. */
  static String common() {
    try {
      return Files.readString(TrustFabricChart.directory().resolve("files").resolve("argocd-lib").resolve("common.lua"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kind to script text, for every files/argocd/*.lua, composed as the chart renders it: the file's first line, the
   * common start, the rest of the file.
   */
  static Map<String, String> scripts() {
    Map<String, String> scripts = new TreeMap<>();
    String common = common();
    try (Stream<Path> files = Files.list(directory())) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".lua")).toList()) {
        String text = Files.readString(file);
        int newline = text.indexOf('\n');
        scripts.put(file.getFileName().toString().replaceFirst("\\.lua$", ""),
            text.substring(0, newline + 1) + common + text.substring(newline + 1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return scripts;
  }

  /** Runs the kind's script on the object; {@code executedLines} collects the script lines that ran. */
  static Health run(String kind, Map<String, Object> object, Set<Integer> executedLines) {
    String script = scripts().get(kind);
    if (script == null) {
      throw new AssertionError("No Argo CD health check for kind " + kind + " in " + directory());
    }
    return runScript(kind + ".lua", script, object, executedLines);
  }

  /** Runs any health script text in Argo CD's sandbox; Lua errors surface as LuaError. */
  static Health runScript(String name, String script, Map<String, Object> object, Set<Integer> executedLines) {
    Globals globals = sandbox(executedLines);
    globals.set("obj", toLua(object));
    LuaValue result = globals.load(script, name).call();
    if (!result.istable()) {
      throw new AssertionError(name + " returned " + result.typename() + ", Argo CD expects a table");
    }
    LuaValue status = result.get("status");
    LuaValue message = result.get("message");
    if (!status.isstring() || !HEALTH_CODES.contains(status.tojstring())) {
      throw new AssertionError(name + " returned the status " + status.tojstring()
          + ", which Argo CD turns into Unknown (\"Lua returned an invalid health status\")");
    }
    return new Health(status.tojstring(), message.isnil() ? "" : message.tojstring());
  }

  static Health run(String kind, Map<String, Object> object) {
    return run(kind, object, new TreeSet<>());
  }

  /**
   * Argo CD's libraries only. DebugLib is loaded just long enough to install a line hook (for the branch check of
   * ArgoCdHealthTest) and then removed, so a script cannot use it.
   */
  private static Globals sandbox(Set<Integer> executedLines) {
    Globals globals = new Globals();
    globals.load(new JseBaseLib());
    globals.load(new PackageLib());
    globals.load(new TableLib());
    LoadState.install(globals);
    LuaC.install(globals);
    globals.load(new DebugLib());
    globals.get("debug").get("sethook").call(new VarArgFunction() {
      @Override
      public Varargs invoke(Varargs args) {
        if ("line".equals(args.arg(1).tojstring())) {
          executedLines.add(args.arg(2).toint());
        }
        return NONE;
      }
    }, LuaValue.valueOf("l"));
    globals.set("debug", LuaValue.NIL);
    globals.get("package").get("loaded").set("debug", LuaValue.NIL);
    return globals;
  }

  /** The object as Argo CD hands it over: JSON values, numbers as Lua numbers. */
  static LuaValue toLua(Object value) {
    if (value == null) {
      return LuaValue.NIL;
    }
    if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      map.forEach((key, item) -> table.set(String.valueOf(key), toLua(item)));
      return table;
    }
    if (value instanceof List<?> list) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < list.size(); i++) {
        table.set(i + 1, toLua(list.get(i)));
      }
      return table;
    }
    if (value instanceof Number number) {
      return LuaValue.valueOf(number.doubleValue());
    }
    if (value instanceof Boolean bool) {
      return LuaValue.valueOf(bool);
    }
    return LuaValue.valueOf(value.toString());
  }
}
