package ru_test

import (
	"fmt"

	"github.com/resolve-tool/resolve/resolve/ru"
)

func ExampleTranslate() {
	fmt.Println(ru.Translate("Завода")[:3])
	fmt.Println(ru.Translate("верфь"))
	fmt.Println(ru.Translate("Моторостроительное"))
	fmt.Println(ru.Translate("электромеханики")[:4]) // split: электро + механики
	// Output:
	// [plant works factory]
	// [shipyard dockyard]
	// [engine-building motor-building]
	// [electro electric electrical mechanics]
}

func ExampleMeans() {
	fmt.Println(ru.Means("Восточная", "Eastern"), ru.Means("ремонтный", "repair"),
		ru.Means("авиационный", "aircraft"), ru.Means("заводы", "Plants"), ru.Means("завод", "bank"))
	// Output: true true true true false
}

func ExampleCognate() {
	for _, p := range [][2]string{{"технологии", "technologies"}, {"центр", "center"}, {"Калужский", "Kaluga"},
		{"корпорация", "cooperation"}} {
		s, ok := ru.Cognate(p[0], p[1])
		fmt.Printf("%s ~ %s: %.2f %v\n", p[0], p[1], s, ok)
	}
	// Output:
	// технологии ~ technologies: 1.00 true
	// центр ~ center: 0.90 true
	// Калужский ~ Kaluga: 0.90 true
	// корпорация ~ cooperation: 0.87 false
}

func ExampleLookup() {
	w := ru.Lookup("Машиностроительного")
	for _, en := range []string{"Machine-Building", "Engineering", "Plant"} {
		fmt.Println(en, w.MeansStem(ru.EnglishStem(en)))
	}
	// Output:
	// Machine-Building true
	// Engineering true
	// Plant false
}

func ExampleStem() {
	fmt.Println(ru.Stem("Заводом"), ru.Stem("Восточная"), ru.Stem("Концeрн"))
	// Output: завод восточн концерн
}
