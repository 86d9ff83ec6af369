{
	"patcher": {
		"fileversion": 1,
		"appversion": {
			"major": 8,
			"minor": 6,
			"revision": 0,
			"architecture": "x64",
			"modernui": 1
		},
		"classnamespace": "box",
		"rect": [
			100,
			100,
			700,
			260
		],
		"bglocked": 0,
		"openinpresentation": 0,
		"default_fontsize": 12,
		"default_fontface": 0,
		"default_fontname": "Arial",
		"gridonopen": 1,
		"gridsize": [
			15,
			15
		],
		"gridsnaponopen": 1,
		"objectsnaponopen": 1,
		"statusbarvisible": 2,
		"toolbarvisible": 1,
		"boxanimatetime": 200,
		"enablehscroll": 1,
		"enablevscroll": 1,
		"devicewidth": 0,
		"description": "TimbreRemap 808 snare synth",
		"digest": "",
		"tags": "",
		"style": "",
		"subpatcher_template": "",
		"assistshowspatchername": 0,
		"boxes": [
			{
				"box": {
					"id": "obj-1",
					"maxclass": "inlet",
					"numinlets": 0,
					"numoutlets": 1,
					"outlettype": [
						"signal"
					],
					"patching_rect": [
						20,
						15,
						30,
						30
					],
					"index": 1,
					"comment": "trigger (signal, e.g. click~) and parameters: osc1_freq 180., … (physical units), voices, steal_ms"
				}
			},
			{
				"box": {
					"id": "obj-2",
					"maxclass": "newobj",
					"text": "gen~ @gen tr.808.gendsp",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"signal",
						"signal"
					],
					"patching_rect": [
						20,
						70,
						173,
						22
					]
				}
			},
			{
				"box": {
					"id": "obj-3",
					"maxclass": "newobj",
					"text": "buffer~ tr.noise tr-noise-44100.wav",
					"numinlets": 1,
					"numoutlets": 2,
					"outlettype": [
						"float",
						"bang"
					],
					"patching_rect": [
						330,
						70,
						257,
						22
					]
				}
			},
			{
				"box": {
					"id": "obj-4",
					"maxclass": "comment",
					"text": "The noise buffer is the reference's fixed white noise (44 100 samples), played from index 0 on each hit. gen~'s Buffer noisebuf names buffer~ tr.noise in its declaration (the gen buffer operator's second argument); every instance loads the same file, so one shared name is right.",
					"numinlets": 1,
					"numoutlets": 0,
					"patching_rect": [
						330,
						110,
						300,
						140
					],
					"linecount": 7
				}
			},
			{
				"box": {
					"id": "obj-5",
					"maxclass": "outlet",
					"numinlets": 1,
					"numoutlets": 0,
					"outlettype": [],
					"patching_rect": [
						20,
						160,
						30,
						30
					],
					"index": 1,
					"comment": "audio (signal)"
				}
			},
			{
				"box": {
					"id": "obj-6",
					"maxclass": "outlet",
					"numinlets": 1,
					"numoutlets": 0,
					"outlettype": [],
					"patching_rect": [
						200,
						160,
						30,
						30
					],
					"index": 2,
					"comment": "sounding voices (signal)"
				}
			}
		],
		"lines": [
			{
				"patchline": {
					"source": [
						"obj-1",
						0
					],
					"destination": [
						"obj-2",
						0
					]
				}
			},
			{
				"patchline": {
					"source": [
						"obj-2",
						0
					],
					"destination": [
						"obj-5",
						0
					]
				}
			},
			{
				"patchline": {
					"source": [
						"obj-2",
						1
					],
					"destination": [
						"obj-6",
						0
					]
				}
			}
		]
	}
}
