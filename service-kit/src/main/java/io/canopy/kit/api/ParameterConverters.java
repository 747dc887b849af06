package io.canopy.kit.api;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Typed resource parameters ({@code @PathParam("id") UUID id}, {@code @QueryParam("page") Integer page},
 * dates, months, enums) parsed by {@link QueryParameters}: a malformed value is a 400 problem+json
 * naming the parameter in every service, instead of the framework's empty 404.
 */
@Provider
public class ParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings({ "unchecked", "rawtypes" })
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = nameOf(annotations);
        if (rawType == UUID.class) {
            // A path segment is never optional: a blank one (%20) is a bad id, not an absent one.
            return (ParamConverter<T>) converter(name, isPath(annotations) ? QueryParameters::requiredUuid
                    : QueryParameters::uuid);
        }
        if (rawType == LocalDate.class) {
            return (ParamConverter<T>) converter(name, QueryParameters::date);
        }
        if (rawType == YearMonth.class) {
            return (ParamConverter<T>) converter(name, QueryParameters::month);
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, QueryParameters::integer);
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) converter(name, QueryParameters::longValue);
        }
        if (rawType.isEnum()) {
            Class<? extends Enum> type = (Class<? extends Enum>) rawType;
            return (ParamConverter<T>) converter(name, (n, v) -> QueryParameters.enumValue(n, v, type));
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(String name, BiFunction<String, String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String value) {
                try {
                    return parse.apply(name, value);
                } catch (ProblemException e) {
                    throw new InvalidParameterException(e);
                }
            }

            @Override
            public String toString(V value) {
                return value == null ? null : value.toString();
            }
        };
    }

    static boolean isPath(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                if (a instanceof PathParam || a instanceof RestPath) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The parameter's name as the client spells it, from its JAX-RS (or Quarkus REST) annotation. */
    static String nameOf(Annotation[] annotations) {
        if (annotations != null) {
            for (Annotation a : annotations) {
                String name = null;
                if (a instanceof PathParam p) {
                    name = p.value();
                } else if (a instanceof QueryParam q) {
                    name = q.value();
                } else if (a instanceof HeaderParam h) {
                    name = h.value();
                } else if (a instanceof FormParam f) {
                    name = f.value();
                } else if (a instanceof CookieParam c) {
                    name = c.value();
                } else if (a instanceof MatrixParam m) {
                    name = m.value();
                } else if (a instanceof RestPath p) {
                    name = p.value();
                } else if (a instanceof RestQuery q) {
                    name = q.value();
                }
                if (name != null && !name.isEmpty()) {
                    return name;
                }
            }
        }
        return "parameter";
    }
}
