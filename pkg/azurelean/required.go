package azurelean

import (
	"errors"
	"reflect"
)

// ErrMissingArgs is what the generated New<Resource> functions return for nil args.
var ErrMissingArgs = errors.New("missing one or more required arguments")

// RequiredArg is a required input of a binding: its name as the generated SDK's messages
// spell it, and its value.
type RequiredArg struct {
	name  string
	value any
}

// Arg names a required input and its value.
func Arg(name string, value any) RequiredArg { return RequiredArg{name, value} }

// CheckRequired is the generated New<Resource> functions' check of their required inputs, in
// the order given (the generated order): the first unset one (a nil interface, pointer, map or
// slice) is "invalid value for required argument '<name>'". Every binding of this repository
// checks its args with ErrMissingArgs and this, so their messages are the generated SDK's.
func CheckRequired(args ...RequiredArg) error {
	for _, a := range args {
		if isNil(a.value) {
			return errors.New("invalid value for required argument '" + a.name + "'")
		}
	}
	return nil
}

func isNil(v any) bool {
	if v == nil {
		return true
	}
	switch rv := reflect.ValueOf(v); rv.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Map, reflect.Slice, reflect.Func, reflect.Chan:
		return rv.IsNil()
	}
	return false
}
