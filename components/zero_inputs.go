package components

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

var inputType = reflect.TypeOf((*pulumi.Input)(nil)).Elem()

// checkZeroInputs walks args (a struct, a pointer to one, or slices and maps of them) and
// reports every pulumi.Input field that holds a typed nil (a nil *pulumi.String) or a zero-value
// output (pulumi.StringOutput{}, an output no resource made). Both look set to a nil check, and
// then either end up as a null id at Azure or panic later, when the value is first used (after
// other resources are registered). field is the path of args; fields are named by their
// `pulumi` tag.
func checkZeroInputs(field string, args any) error {
	var errs problems
	walkInputs(field, reflect.ValueOf(args), &errs)
	return errs.err()
}

func walkInputs(path string, v reflect.Value, errs *problems) {
	if !v.IsValid() {
		return
	}
	if v.Kind() == reflect.Interface {
		if v.IsNil() {
			return
		}
		if v.Type().Implements(inputType) {
			if why := zeroInput(v.Elem()); why != "" {
				errs.add(fmt.Errorf("%s: %s", path, why))
				return
			}
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		walkInputs(path, v.Elem(), errs)
	case reflect.Struct:
		t := v.Type()
		if t.Implements(inputType) || reflect.PointerTo(t).Implements(inputType) {
			return // a value (pulumi.String, an Args struct of a binding), already checked
		}
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name := strings.Split(f.Tag.Get("pulumi"), ",")[0]
			if name == "" {
				continue
			}
			walkInputs(path+"."+name, v.Field(i), errs)
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Implements(inputType) {
			return
		}
		for i := 0; i < v.Len(); i++ {
			walkInputs(fmt.Sprintf("%s[%d]", path, i), v.Index(i), errs)
		}
	}
}

// zeroInput says why an input value is unusable, or "".
func zeroInput(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return fmt.Sprintf("is a nil %s (set the field to nil instead, or give it a value)", v.Type())
		}
	case reflect.Struct:
		// Outputs embed *pulumi.OutputState; the zero value has none, so no resource will ever
		// resolve it.
		if f := v.FieldByName("OutputState"); f.IsValid() && f.Kind() == reflect.Pointer && f.IsNil() {
			return fmt.Sprintf("is a zero-value %s that no resource resolves (pass a resource's output, e.g. SharedServices.KeyVaultId, or a pulumi.String)", v.Type())
		}
	}
	return ""
}
