package com.ngx.marketplace.internal;

import com.ngx.rest.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * A plugin's per-tenant settings as its Metatype object class definition (id = the plugin id)
 * describes them: validates and converts what a tenant sends, fills in defaults, masks passwords.
 */
public final class SettingsSchema {
  static final String MASK = "********";

  /** One attribute, as a settings form renders it. */
  public record Attribute(
      String id,
      String name,
      String description,
      String type,
      boolean required,
      boolean multiple,
      List<String> defaultValue,
      Map<String, String> options) {}

  private final List<AttributeDefinition> attributes;
  private final Set<String> required;

  private SettingsSchema(List<AttributeDefinition> attributes, Set<String> required) {
    this.attributes = attributes;
    this.required = required;
  }

  static final SettingsSchema NONE = new SettingsSchema(List.of(), Set.of());

  /** The schema of the plugin in {@code bundle}, or {@link #NONE}. */
  static SettingsSchema of(MetaTypeService metatype, Bundle bundle, String pluginId) {
    if (metatype == null || bundle == null) {
      return NONE;
    }
    MetaTypeInformation info = metatype.getMetaTypeInformation(bundle);
    if (info == null) {
      return NONE;
    }
    List<String> pids = new ArrayList<>(Arrays.asList(orEmpty(info.getPids())));
    for (String pid : pids) {
      ObjectClassDefinition ocd = info.getObjectClassDefinition(pid, null);
      if (ocd != null && (pluginId.equals(ocd.getID()) || pluginId.equals(pid))) {
        return of(ocd);
      }
    }
    return NONE;
  }

  /** The schema an object class definition describes. */
  static SettingsSchema of(ObjectClassDefinition ocd) {
    AttributeDefinition[] all = ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
    AttributeDefinition[] req = ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED);
    return new SettingsSchema(
        all == null ? List.of() : List.of(all),
        req == null ? Set.of() : Arrays.stream(req).map(AttributeDefinition::getID).collect(Collectors.toSet()));
  }

  private static String[] orEmpty(String[] a) {
    return a == null ? new String[0] : a;
  }

  public List<Attribute> describe() {
    List<Attribute> out = new ArrayList<>();
    for (AttributeDefinition ad : attributes) {
      Map<String, String> options = new LinkedHashMap<>();
      if (ad.getOptionValues() != null) {
        for (int i = 0; i < ad.getOptionValues().length; i++) {
          options.put(ad.getOptionValues()[i], ad.getOptionLabels()[i]);
        }
      }
      out.add(
          new Attribute(
              ad.getID(),
              ad.getName(),
              ad.getDescription(),
              typeName(ad.getType()),
              required.contains(ad.getID()),
              ad.getCardinality() != 0,
              ad.getDefaultValue() == null ? List.of() : List.of(ad.getDefaultValue()),
              options));
    }
    return out;
  }

  /**
   * Validates {@code input} (JSON values) against the schema and returns the settings to store:
   * {@code previous} overlaid with the input; a masked password keeps its previous value.
   */
  Map<String, Object> validate(Map<String, Object> input, Map<String, Object> previous, Validator v) {
    Map<String, Object> out = new LinkedHashMap<>(previous);
    Map<String, AttributeDefinition> byId = new LinkedHashMap<>();
    attributes.forEach(a -> byId.put(a.getID(), a));
    for (Map.Entry<String, Object> e : input.entrySet()) {
      String field = "settings." + e.getKey();
      AttributeDefinition ad = byId.get(e.getKey());
      if (ad == null) {
        v.error(field, "is not a setting of this plugin; known: " + byId.keySet());
        continue;
      }
      Object value = e.getValue();
      if (value == null) {
        out.remove(e.getKey());
        continue;
      }
      if (ad.getType() == AttributeDefinition.PASSWORD && MASK.equals(value)) {
        continue;
      }
      Object converted = convert(ad, value, field, v);
      if (converted != null) {
        out.put(e.getKey(), converted);
      }
    }
    return out;
  }

  /** The names of required settings that have neither a value nor a default. */
  List<String> missing(Map<String, Object> settings) {
    List<String> out = new ArrayList<>();
    for (AttributeDefinition ad : attributes) {
      boolean hasDefault = ad.getDefaultValue() != null && ad.getDefaultValue().length > 0;
      if (required.contains(ad.getID()) && !hasDefault && !settings.containsKey(ad.getID())) {
        out.add(ad.getID());
      }
    }
    return out;
  }

  /** Stored settings with defaults filled in and typed: what the plugin sees. */
  Map<String, Object> effective(Map<String, Object> stored) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (AttributeDefinition ad : attributes) {
      if (stored.containsKey(ad.getID())) {
        out.put(ad.getID(), stored.get(ad.getID()));
      } else if (ad.getDefaultValue() != null && ad.getDefaultValue().length > 0) {
        Object d = convert(ad, ad.getCardinality() == 0 ? ad.getDefaultValue()[0] : List.of(ad.getDefaultValue()),
            ad.getID(), new Validator());
        if (d != null) {
          out.put(ad.getID(), d);
        }
      }
    }
    return out;
  }

  /** Stored settings as a tenant may read them: passwords masked. */
  Map<String, Object> masked(Map<String, Object> stored) {
    Map<String, Object> out = new LinkedHashMap<>(effective(stored));
    for (AttributeDefinition ad : attributes) {
      if (ad.getType() == AttributeDefinition.PASSWORD && out.containsKey(ad.getID())) {
        out.put(ad.getID(), MASK);
      }
    }
    return out;
  }

  private static Object convert(AttributeDefinition ad, Object value, String field, Validator v) {
    if (ad.getCardinality() != 0) {
      if (!(value instanceof List<?> list)) {
        v.error(field, "must be a list");
        return null;
      }
      int max = Math.abs(ad.getCardinality());
      if (max != Integer.MAX_VALUE && list.size() > max) {
        v.error(field, "must have at most " + max + " values");
        return null;
      }
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object c = single(ad, list.get(i), field + "[" + i + "]", v);
        if (c == null) {
          return null;
        }
        out.add(c);
      }
      return out;
    }
    return single(ad, value, field, v);
  }

  private static Object single(AttributeDefinition ad, Object value, String field, Validator v) {
    Object converted;
    try {
      converted =
          switch (ad.getType()) {
            case AttributeDefinition.STRING, AttributeDefinition.PASSWORD, AttributeDefinition.CHARACTER -> {
              if (!(value instanceof String s)) {
                throw new IllegalArgumentException("must be a string");
              }
              if (s.length() > 4000) {
                throw new IllegalArgumentException("must be at most 4000 characters");
              }
              yield s;
            }
            case AttributeDefinition.LONG -> number(value).longValueExact();
            case AttributeDefinition.INTEGER -> number(value).intValueExact();
            case AttributeDefinition.SHORT -> (int) number(value).shortValueExact();
            case AttributeDefinition.BYTE -> (int) number(value).byteValueExact();
            case AttributeDefinition.DOUBLE, AttributeDefinition.FLOAT -> number(value).doubleValue();
            case AttributeDefinition.BOOLEAN -> {
              if (value instanceof Boolean b) {
                yield b;
              }
              if ("true".equals(value) || "false".equals(value)) {
                yield Boolean.valueOf((String) value);
              }
              throw new IllegalArgumentException("must be true or false");
            }
            default -> String.valueOf(value);
          };
    } catch (ArithmeticException e) {
      v.error(field, "is out of range for " + typeName(ad.getType()));
      return null;
    } catch (IllegalArgumentException e) {
      v.error(field, e.getMessage());
      return null;
    }
    String[] options = ad.getOptionValues();
    if (options != null && options.length > 0 && !Arrays.asList(options).contains(String.valueOf(converted))) {
      v.error(field, "must be one of " + Arrays.toString(options));
      return null;
    }
    String problem = ad.validate(String.valueOf(converted));
    if (problem != null && !problem.isEmpty()) {
      v.error(field, problem);
      return null;
    }
    return converted;
  }

  private static java.math.BigDecimal number(Object value) {
    if (value instanceof Number n) {
      return new java.math.BigDecimal(n.toString());
    }
    if (value instanceof String s) {
      try {
        return new java.math.BigDecimal(s.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("must be a number");
      }
    }
    throw new IllegalArgumentException("must be a number");
  }

  static String typeName(int type) {
    return switch (type) {
      case AttributeDefinition.STRING -> "string";
      case AttributeDefinition.LONG -> "long";
      case AttributeDefinition.INTEGER -> "integer";
      case AttributeDefinition.SHORT -> "short";
      case AttributeDefinition.CHARACTER -> "character";
      case AttributeDefinition.BYTE -> "byte";
      case AttributeDefinition.DOUBLE -> "double";
      case AttributeDefinition.FLOAT -> "float";
      case AttributeDefinition.BOOLEAN -> "boolean";
      case AttributeDefinition.PASSWORD -> "password";
      default -> "string";
    };
  }
}
