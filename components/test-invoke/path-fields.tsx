"use client";
/**
 * The request path: the Path field, and one input per path parameter of the resource path. The
 * Path field is the truth; a parameter's input reads its value from it and writes it back composed.
 */
import { Field } from "@/components/ui/field";
import { composePath, pathParameters, readPathParameters } from "@/lib/testcase/path-params";

export function PathFields({ resourcePath, path, onChange }: { resourcePath: string; path: string; onChange: (path: string) => void }) {
  const params = pathParameters(resourcePath);
  const values = readPathParameters(resourcePath, path);
  return (
    <>
      <Field
        label="Path"
        name="test.path"
        value={path}
        onChange={(e) => onChange(e.target.value)}
        hint={params.length ? "Composed from the path parameters; or type any path" : undefined}
      />
      {params.map((param) => (
        <Field
          key={param.name}
          label={`Path parameter ${param.name}`}
          name={`test.pathParameters.${param.name}`}
          value={values?.[param.name] ?? ""}
          onChange={(e) => onChange(composePath(resourcePath, { ...values, [param.name]: e.target.value }))}
          // Asked for only while the path follows the resource path: a path typed on purpose is sent as it is.
          required={values !== null}
          placeholder={param.greedy ? "a/b/c (the rest of the path)" : `value of ${param.name}`}
          hint={param.greedy ? "Greedy: slashes are kept" : undefined}
        />
      ))}
    </>
  );
}
